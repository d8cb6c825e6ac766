// Pointer, touch and keyboard input: what each press, move and key means for the tool in hand.

import { round } from './geometry.js';
import { shapeTools } from './tools/shape.js';
import { toolShortcuts } from './shared-numbers.js';

const touchSlop = 4; // screen pixels a finger moves before it draws

export function isTyping(target) {
    return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export const input = {
    down(e) {
        if (e.target !== this.dry && e.target !== this.surface) return; // the text editor has its own input
        e.preventDefault();
        this.commitText();
        try {
            this.surface.setPointerCapture(e.pointerId);
        } catch {
            // A pointer the browser no longer tracks (or a synthetic one) is followed without capture.
        }
        if (e.pointerType === 'touch') {
            this.touches.set(e.pointerId, this.screenPoint(e));
            if (this.touches.size === 2) {
                // A second finger turns whatever the first began into a pinch.
                for (const id of this.touches.keys()) {
                    const action = this.actions.get(id);
                    if (action?.kind === 'touch') action.pinched = true;
                    this.finishAction(id);
                }
                return;
            }
            if (this.touches.size > 2) return;
        }
        const panning = e.button === 1 || (e.button === 0 && (this.readOnly || (e.pointerType === 'mouse' && this.spaceHeld)));
        if (panning) {
            this.actions.set(e.pointerId, { kind: 'pan', last: this.screenPoint(e) });
            this.surface.dataset.panning = 'true';
            return;
        }
        if (e.pointerType === 'mouse' && e.button !== 0) return;
        const at = this.boardPoint(e);
        const pressure = e.pointerType === 'mouse' ? 0.5 : round(e.pressure);
        switch (this.tool) {
            case 'pen':
                // A finger starts drawing only once it moves: a second finger landing first makes it a pinch instead.
                this.actions.set(e.pointerId, e.pointerType === 'touch'
                    ? { kind: 'touch', first: [...at, pressure], from: this.screenPoint(e) }
                    : { kind: 'stroke', stroke: this.startStroke([...at, pressure]) });
                break;
            case 'text':
                this.openTextEditor(at);
                break;
            case 'note':
                this.openNoteEditor(at);
                break;
            case 'eraser':
                this.erasing = new Set();
                this.actions.set(e.pointerId, { kind: 'erase', path: [at], checking: Promise.resolve() });
                this.erase(this.actions.get(e.pointerId));
                break;
            case 'select':
                this.actions.set(e.pointerId, this.startSelect(at));
                break;
            case 'laser':
                this.actions.set(e.pointerId, this.startLaser(at));
                break;
            default:
                if (shapeTools[this.tool]) this.actions.set(e.pointerId, { kind: 'shape', shape: this.startShape(at) });
        }
    },

    move(e) {
        const inking = ['stroke', 'shape'].includes(this.actions.get(e.pointerId)?.kind);
        if (e.isPrimary) this.pointerMoved(this.boardPoint(e), inking);
        if (e.isPrimary && this.tool === 'select' && !this.actions.size) this.showHandleUnder(this.boardPoint(e));
        if (this.touches.has(e.pointerId)) {
            const previous = [...this.touches.values()];
            this.touches.set(e.pointerId, this.screenPoint(e));
            if (this.touches.size === 2) return this.pinch(previous, [...this.touches.values()]);
        }
        const action = this.actions.get(e.pointerId);
        if (!action) return;
        switch (action.kind) {
            case 'pan': {
                const [x, y] = this.screenPoint(e);
                this.view.panBy(x - action.last[0], y - action.last[1]);
                action.last = [x, y];
                this.viewMovedByHand();
                break;
            }
            case 'touch': {
                const [x, y] = this.screenPoint(e);
                if (Math.hypot(x - action.from[0], y - action.from[1]) < touchSlop) break;
                Object.assign(action, { kind: 'stroke', stroke: this.startStroke(action.first) });
            }
            // falls through: the move that started the stroke is its second point
            case 'stroke':
                for (const each of e.getCoalescedEvents?.().length ? e.getCoalescedEvents() : [e]) {
                    this.extendStroke(action, [...this.boardPoint(each), each.pointerType === 'mouse' ? 0.5 : round(each.pressure)]);
                }
                this.schedule();
                break;
            case 'shape':
                this.reshape(action.shape, this.boardPoint(e), e.shiftKey);
                break;
            case 'erase':
                action.path.push(this.boardPoint(e));
                this.erase(action);
                break;
            case 'laser':
                for (const each of e.getCoalescedEvents?.().length ? e.getCoalescedEvents() : [e]) this.laserAt(this.boardPoint(each));
                break;
            case 'select':
                action.to = this.boardPoint(e);
                if (action.mode === 'move') this.selection.offset = [action.to[0] - action.from[0], action.to[1] - action.from[1]];
                else if (action.mode === 'resize') this.moveResize(action, e.shiftKey);
                this.requestDraw();
                break;
        }
    },

    up(e) {
        if (e.type === 'pointerup') this.lastMove(e);
        this.touches.delete(e.pointerId);
        this.finishAction(e.pointerId);
    },

    // Where the pointer is lifted is where the line or shape ends, even at a spot no move reported (input
    // replayed by a program can reach the page out of order: the browsers bench saw moves after the lift).
    lastMove(e) {
        const action = this.actions.get(e.pointerId);
        const at = this.boardPoint(e);
        if (action?.kind === 'stroke') {
            const last = action.stroke.points[action.stroke.points.length - 1];
            if (last[0] !== at[0] || last[1] !== at[1]) this.extendStroke(action, [...at, last[2]]);
        } else if (action?.kind === 'shape') {
            this.reshape(action.shape, at, e.shiftKey);
        }
    },

    finishAction(pointerId) {
        const action = this.actions.get(pointerId);
        if (!action) return;
        this.actions.delete(pointerId);
        switch (action.kind) {
            case 'pan':
                delete this.surface.dataset.panning;
                break;
            case 'touch':
                // A tap draws a dot, unless a second finger turned it into a pinch.
                if (this.touches.size === 0 && !action.pinched) this.startStroke(action.first).ended = true;
                break;
            case 'stroke':
                action.stroke.ended = true;
                this.schedule();
                break;
            case 'shape': {
                const shape = action.shape;
                shape.done = true;
                shape.dirty = true;
                if (shape.from[0] === shape.to[0] && shape.from[1] === shape.to[1] && !shape.begun) {
                    // A click that never dragged places nothing.
                    this.outbox.remove(shape);
                    this.local.delete(shape.id);
                    this.requestDraw();
                }
                this.schedule();
                break;
            }
            case 'erase':
                action.checking.then(() => {
                    if (this.erasing.size) this.sendEdit({ kind: 'erase', elements: [...this.erasing] });
                });
                break;
            case 'select':
                action.ready.then(() => this.endSelect(action));
                break;
            case 'laser':
                this.endLaser();
                break;
        }
    },

    pinch([a0, b0], [a1, b1]) {
        const center = (a, b) => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
        const distance = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1]) || 1;
        const [c0, c1] = [center(a0, b0), center(a1, b1)];
        this.view.panBy(c1[0] - c0[0], c1[1] - c0[1]);
        this.view.zoomAt(distance(a1, b1) / distance(a0, b0), ...c1);
        this.viewMovedByHand();
    },

    // A click on a toolbar's tool button ([data-tool-choice]; a key press on a button clicks it too). A press on a
    // button and a slide off it is no click: the page keeps the tool the toolbar shows.
    toolClicked(e) {
        const choice = e.target instanceof Element ? e.target.closest('[data-tool-choice]') : null;
        if (choice && !this.readOnly) this.chooseTool(choice.dataset.toolChoice);
    },

    // The person chose a tool, in the toolbar or by a shortcut: it is used at once, since on a slow link a quick
    // person's next drag would otherwise start before the server's setTool came back, with the old tool. The
    // server answers each change with setTool (BoardCanvas.razor), in turn, and this page awaits the answers to
    // all its choices (see setTool). The tool already in use changes nothing on the server either, so it awaits
    // nothing new.
    chooseTool(tool) {
        if (tool === this.tool) return;
        this.useTool(tool);
        this.awaitedTools.push(tool);
    },

    keydown(e) {
        if (isTyping(e.target)) return; // shortcuts are off while typing
        const key = e.key.toLowerCase();
        if (e.key === 'Escape' && this.following !== null) {
            this.follow(null, true);
            return;
        }
        if (this.readOnly && e.key !== ' ') return;
        if (e.ctrlKey || e.metaKey) {
            if (key === 'z' && !e.shiftKey) { e.preventDefault(); this.undo(); }
            else if ((key === 'z' && e.shiftKey) || key === 'y') { e.preventDefault(); this.redo(); }
            else if (key === 'd') { e.preventDefault(); this.duplicate(); }
            else if (key === 'c' && this.selection?.ids.length) { e.preventDefault(); this.copy(); }
            else if (e.key === ']' || e.key === '[') { e.preventDefault(); this.restack(e.key === ']'); }
            return;
        }
        if (e.key === ' ') {
            e.preventDefault();
            this.spaceHeld = true;
            this.surface.dataset.panReady = 'true';
        } else if ((e.key === 'Delete' || e.key === 'Backspace') && this.selection?.ids.length) {
            e.preventDefault();
            this.sendEdit({ kind: 'erase', elements: this.selection.ids });
            this.deselect();
            this.requestDraw();
        } else if ((e.key === ']' || e.key === '[') && !e.altKey) {
            this.restack(e.key === ']');
        } else if (e.key === 'Escape') {
            this.deselect();
            this.requestDraw();
        } else if (toolShortcuts[key] && !e.altKey) {
            if (toolShortcuts[key] === this.tool) return;
            this.chooseTool(toolShortcuts[key]);
            this.dotnet.invokeMethodAsync('ToolChosen', this.tool).catch(() => {
                // The page uses the tool already; only the toolbar's mark lags, while the badge shows the connection down.
            });
        }
    },

    keyup(e) {
        if (e.key === ' ') {
            this.spaceHeld = false;
            delete this.surface.dataset.panReady;
        }
    },
};
