// The browser side of the board: pointer, touch and keyboard input for every tool, local "wet"
// drawing, sending the outbox to the server, this person's pointer to the others, and the view (pan
// and zoom, or following someone else's) over the display list that the server's batched drawing
// commands are kept in (see DESIGN.md, "Drawing").
import { DisplayList, fontFamily } from '../../board/display-list.js';
import { View } from '../../board/view.js';
import { Outbox, newId } from '../../board/outbox.js';
import { Cursors } from '../../board/cursors.js';

const maxPointsPerStroke = 10000; // half the server's limit (BoardLimits): a longer stroke continues as a new one
const pointerInterval = 33; // milliseconds between pointer updates: about 30 a second
const maxCallsInFlight = 16; // batches sent to the server and not yet answered, at most
const slowDraw = 8; // milliseconds: a whole dry layer drawn slower than this is not drawn again while the zoom changes (see zoomDry)
const zoomSettle = 120; // milliseconds the zoom holds before such a layer is drawn again, sharp

const shapeTools = { line: 'line', arrow: 'arrow', rect: 'rect', ellipse: 'ellipse' };
const toolKeys = { p: 'pen', l: 'line', a: 'arrow', r: 'rect', o: 'ellipse', t: 'text', e: 'eraser', v: 'select' };
const identityKey = 'whiteboard.participant';
const nameKey = 'whiteboard.name';
const hitRadius = 6; // screen pixels around the pointer that count as touching
const touchSlop = 4; // screen pixels a finger moves before it draws
const maxExportSide = 8192; // pixels: about the largest canvas every browser makes

export function attach(surface, dotnet, board, color, width, tool) {
    const canvas = new BoardCanvas(surface, dotnet, board, color, width, tool);
    // Reachable from the page, as a script on the page could reach it anyway: end-to-end tests use it.
    surface.whiteboard = canvas;
    return canvas;
}

// Who this browser was on an earlier visit: its identity's token and the name it chose.
export function keptIdentity() {
    return { token: localStorage.getItem(identityKey), name: localStorage.getItem(nameKey) };
}

export function keepIdentity(token) {
    localStorage.setItem(identityKey, token);
}

export function keepName(name) {
    localStorage.setItem(nameKey, name);
}

// The same width rule as BoardRenderer.WidthAt: pressure 0.5 (a mouse) draws the chosen width.
function widthAt(width, pressure) {
    return Math.max(0.25, Math.round(width * (0.25 + 1.5 * pressure) * 4) / 4);
}

// The same rule as TextLayout.FontSize.
function fontSize(width) {
    return Math.max(12, width * 4);
}

const round = v => Math.round(v * 100) / 100; // a hundredth of a unit is plenty, and keeps messages short

function isTyping(target) {
    return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

class BoardCanvas {
    constructor(surface, dotnet, board, color, width, tool) {
        this.surface = surface;
        this.dotnet = dotnet;
        this.style = { color, width };
        this.tool = tool;
        this.dry = surface.querySelector('.board-dry');
        this.wet = surface.querySelector('.board-wet');
        this.display = new DisplayList();
        this.view = new View();
        this.local = new Map();    // this person's strokes and shapes not yet confirmed finished by the server, by id
        this.outbox = new Outbox(board);
        this.actions = new Map();  // pointerId -> what that pointer is doing
        this.touches = new Map();  // touch pointerId -> last screen position, for pinch and two-finger pan
        this.selection = null;     // { ids, bounds, offset } of the select tool
        this.deselections = 0;     // counts selections dropped, so that a marquee's late answer does not bring one back
        this.erasing = new Set();  // ids the eraser has touched in the current drag
        this.pendingMove = null;   // { ids, offset } sent and not yet shown back by the server
        this.spaceHeld = false;
        this.sendFrame = 0;
        this.waiting = null;       // while a batch waits for its download: settles once it is shown (see inTurn)
        this.drawFrame = 0;
        this.drawTime = 0;         // milliseconds the last whole draw of the dry layer took
        this.wetBlank = true;      // nothing is drawn on the wet layer
        this.slowDraw = slowDraw;  // a field: a test makes every board count as slow to draw
        this.readOnly = false;     // a view-only link: the pointer only pans
        this.joined = false;       // the board's snapshot has arrived, so the session is on the board
        this.connected = document.documentElement.dataset.connection === 'connected';
        this.generation = 0;       // counts connection changes and failed calls: a reply from before one is not trusted
        this.pointer = null;       // { at, onBoard } of this person's pointer, to tell the others
        this.pointerSentAt = 0;
        this.pointerTimer = 0;
        this.saveTimer = 0;
        this.following = null;     // the seat whose view this person follows
        this.cursors = new Cursors(surface, () => this.view);
        for (const item of this.outbox.restore()) this.local.set(item.id, item);

        this.listeners = [
            [surface, 'pointerdown', e => this.down(e)],
            [surface, 'pointermove', e => this.move(e)],
            [surface, 'pointerup', e => this.up(e)],
            [surface, 'pointercancel', e => this.up(e)],
            [surface, 'wheel', e => this.wheel(e), { passive: false }],
            [surface, 'auxclick', e => e.preventDefault()],
            [document, 'keydown', e => this.keydown(e)],
            [document, 'keyup', e => this.keyup(e)],
            [surface, 'pointerleave', e => { if (e.pointerType === 'mouse') this.pointerMoved(null); }],
            [window, 'whiteboard:connection', e => this.connectionChanged(e.detail)],
            [window, 'pagehide', () => this.outbox.save()],
        ];
        for (const [target, name, handler, options] of this.listeners) target.addEventListener(name, handler, options);
        this.resizeObserver = new ResizeObserver(() => this.resize());
        this.resizeObserver.observe(surface);
        this.resize();
    }

    setStyle(color, width) {
        this.style = { color, width };
    }

    setTool(tool) {
        if (this.tool === tool) return;
        this.commitText();
        this.tool = tool;
        this.deselect();
        this.surface.dataset.tool = tool;
        this.requestDraw();
    }

    // On a view-only link nothing is drawn or edited: the primary button and one finger pan instead.
    setReadOnly(readOnly) {
        this.readOnly = readOnly;
        this.surface.dataset.readonly = String(readOnly);
        if (readOnly) {
            this.textEditor?.remove();
            this.textEditor = null;
            this.deselect();
            this.requestDraw();
        }
    }

    detach() {
        for (const [target, name, handler, options] of this.listeners) target.removeEventListener(name, handler, options);
        this.resizeObserver.disconnect();
        cancelAnimationFrame(this.sendFrame);
        cancelAnimationFrame(this.drawFrame);
        clearTimeout(this.pointerTimer);
        clearTimeout(this.saveTimer);
        if (!this.outbox.isEmpty) this.outbox.save();
        this.cursors.detach();
        this.textEditor?.remove();
        delete this.surface.whiteboard;
    }

    // ---- view: pan and zoom never wait for the server ----

    screenPoint(e) {
        const rect = this.surface.getBoundingClientRect();
        return [e.clientX - rect.left, e.clientY - rect.top];
    }

    boardPoint(e) {
        const [bx, by] = this.view.toBoard(...this.screenPoint(e));
        return [round(bx), round(by)];
    }

    zoomBy(factor) {
        const rect = this.surface.getBoundingClientRect();
        this.view.zoomAt(factor, rect.width / 2, rect.height / 2);
        this.viewMovedByHand();
    }

    fit(bounds) {
        const rect = this.surface.getBoundingClientRect();
        if (bounds) this.view.fit(bounds, rect.width, rect.height);
        else this.view = new View();
        this.viewMovedByHand();
    }

    // This person panned or zoomed: they lead their own view again.
    viewMovedByHand() {
        this.follow(null, true);
        this.viewChanged();
    }

    // Shows what the person in a seat is looking at, and keeps doing so as they move, until this person
    // pans, zooms or presses Escape (then the component is told: byHand).
    follow(seat, byHand = false) {
        if (this.following === seat) return;
        if (byHand && this.following !== null) this.dotnet.invokeMethodAsync('StopFollowing').catch(() => { });
        this.following = seat;
        if (seat === null) delete this.surface.dataset.following;
        else this.surface.dataset.following = String(seat);
        const pointer = this.cursors.pointers.get(seat);
        if (pointer) this.showViewOf(pointer);
    }

    // The followed person's view: the same point in the middle of the screen, at the same zoom.
    showViewOf(pointer) {
        const rect = this.surface.getBoundingClientRect();
        this.view.scale = pointer.viewScale;
        this.view.x = rect.width / 2 - pointer.viewX * pointer.viewScale;
        this.view.y = rect.height / 2 - pointer.viewY * pointer.viewScale;
        this.viewChanged();
    }

    // The view as a test or a user sees it: percentage and offset.
    viewState() {
        return { x: this.view.x, y: this.view.y, scale: this.view.scale };
    }

    viewChanged() {
        this.positionTextEditor();
        this.requestFrame();
        this.cursors.redraw();
        this.sendPointerSoon(); // which carries the zoom to the toolbar too: one call, not one per wheel event
    }

    wheel(e) {
        e.preventDefault();
        if (e.ctrlKey || e.metaKey) {
            this.view.zoomAt(Math.exp(-e.deltaY * 0.01), ...this.screenPoint(e));
        } else {
            this.view.panBy(-e.deltaX, -e.deltaY);
        }
        this.viewMovedByHand();
    }

    // ---- this person's pointer, for the others' cursors and for following ----

    // A pointer drawing a stroke or a shape is not sent: the room moves it with each piece of ink it applies
    // (BoardRoom), so the others get the two in one update, and the server one call a frame, not two.
    pointerMoved(at, inking = false) {
        this.pointer = at;
        if (!inking) this.sendPointerSoon();
    }

    // At most one update per interval: the latest position, sent when the interval is up.
    sendPointerSoon() {
        if (this.pointerTimer || !this.connected || !this.joined) return;
        const wait = Math.max(0, this.pointerSentAt + pointerInterval - performance.now());
        this.pointerTimer = setTimeout(() => {
            this.pointerTimer = 0;
            this.pointerSentAt = performance.now();
            const rect = this.surface.getBoundingClientRect();
            const [viewX, viewY] = this.view.toBoard(rect.width / 2, rect.height / 2);
            const [x, y] = this.pointer ?? [viewX, viewY];
            this.dotnet.invokeMethodAsync('MovePointer', x, y, this.pointer !== null, round(viewX), round(viewY), this.view.scale)
                .catch(() => { });
        }, wait);
    }

    // ---- pointer input ----

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
            case 'eraser':
                this.erasing = new Set();
                this.actions.set(e.pointerId, { kind: 'erase', path: [at], checking: Promise.resolve() });
                this.erase(this.actions.get(e.pointerId));
                break;
            case 'select':
                this.actions.set(e.pointerId, this.startSelect(at));
                break;
            default:
                if (shapeTools[this.tool]) this.actions.set(e.pointerId, { kind: 'shape', shape: this.startShape(at) });
        }
    }

    move(e) {
        const inking = ['stroke', 'shape'].includes(this.actions.get(e.pointerId)?.kind);
        if (e.isPrimary) this.pointerMoved(this.boardPoint(e), inking);
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
            case 'select':
                action.to = this.boardPoint(e);
                if (action.mode === 'move') this.selection.offset = [action.to[0] - action.from[0], action.to[1] - action.from[1]];
                this.requestDraw();
                break;
        }
    }

    up(e) {
        if (e.type === 'pointerup') this.lastMove(e);
        this.touches.delete(e.pointerId);
        this.finishAction(e.pointerId);
    }

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
    }

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
        }
    }

    pinch([a0, b0], [a1, b1]) {
        const center = (a, b) => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
        const distance = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1]) || 1;
        const [c0, c1] = [center(a0, b0), center(a1, b1)];
        this.view.panBy(c1[0] - c0[0], c1[1] - c0[1]);
        this.view.zoomAt(distance(a1, b1) / distance(a0, b0), ...c1);
        this.viewMovedByHand();
    }

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
        } else if (e.key === 'Escape') {
            this.deselect();
            this.requestDraw();
        } else if (toolKeys[key] && !e.altKey) {
            this.setTool(toolKeys[key]);
            this.dotnet.invokeMethodAsync('ToolChosen', this.tool).catch(() => { });
        }
    }

    keyup(e) {
        if (e.key === ' ') {
            this.spaceHeld = false;
            delete this.surface.dataset.panReady;
        }
    }

    // ---- strokes ----

    startStroke(first) {
        const stroke = this.outbox.stroke(newId(), this.style.color, this.style.width, first);
        this.local.set(stroke.id, stroke);
        this.drawWet(stroke, 0);
        this.schedule();
        return stroke;
    }

    extendStroke(action, point) {
        let stroke = action.stroke;
        if (stroke.points.length >= maxPointsPerStroke) {
            // Continue seamlessly as a new stroke starting where this one ends.
            stroke.ended = true;
            stroke = action.stroke = this.startStroke(stroke.points[stroke.points.length - 1]);
        }
        stroke.points.push(point);
        this.drawWet(stroke, stroke.points.length - 1);
    }

    // ---- shapes ----

    startShape(at) {
        const shape = this.outbox.shape(newId(), shapeTools[this.tool], this.style.color, this.style.width, at);
        this.local.set(shape.id, shape);
        this.schedule();
        this.requestDraw();
        return shape;
    }

    reshape(shape, to, keepSquare) {
        if (keepSquare && (shape.kind === 'rect' || shape.kind === 'ellipse')) {
            const side = Math.max(Math.abs(to[0] - shape.from[0]), Math.abs(to[1] - shape.from[1]));
            to = [round(shape.from[0] + Math.sign(to[0] - shape.from[0] || 1) * side), round(shape.from[1] + Math.sign(to[1] - shape.from[1] || 1) * side)];
        }
        shape.to = to;
        shape.dirty = true;
        this.schedule();
        this.requestDraw();
    }

    // ---- text ----

    openTextEditor(at) {
        const editor = document.createElement('textarea');
        editor.className = 'board-text-editor';
        editor.dataset.testid = 'text-editor';
        editor.rows = 1;
        editor.spellcheck = false;
        this.textEditor = editor;
        this.textAt = at;
        this.textStyle = { ...this.style };
        editor.addEventListener('keydown', e => {
            if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Escape') {
                e.preventDefault();
                this.commitText();
            }
        });
        editor.addEventListener('input', () => this.positionTextEditor());
        editor.addEventListener('blur', () => this.commitText());
        this.surface.appendChild(editor);
        this.positionTextEditor();
        requestAnimationFrame(() => editor.focus());
    }

    positionTextEditor() {
        const editor = this.textEditor;
        if (!editor) return;
        const [x, y] = this.view.toScreen(...this.textAt);
        const size = fontSize(this.textStyle.width) * this.view.scale;
        Object.assign(editor.style, {
            left: `${x}px`, top: `${y}px`, font: `${size}px ${fontFamily}`, lineHeight: '1.25', color: this.textStyle.color,
        });
        editor.style.height = 'auto';
        editor.style.height = `${editor.scrollHeight}px`;
        editor.style.width = 'auto';
        editor.style.width = `${Math.max(editor.scrollWidth, size * 2)}px`;
    }

    commitText() {
        const editor = this.textEditor;
        if (!editor) return;
        this.textEditor = null;
        const text = editor.value.replace(/\s+$/, '');
        editor.remove();
        if (!text.trim()) return;
        this.sendOnce({ kind: 'text', id: newId(), points: this.textAt, text, color: this.textStyle.color, width: this.textStyle.width });
    }

    // ---- eraser: the server's copy of the board says what the path touched ----

    erase(action) {
        const path = action.path;
        action.path = [path[path.length - 1]]; // the next piece of the path starts where this one ends
        action.checking = action.checking
            .then(() => this.dotnet.invokeMethodAsync('Touching', path.flat(), hitRadius / this.view.scale))
            .then(ids => {
                for (const id of ids) this.erasing.add(id);
                this.requestDraw();
            })
            .catch(() => { });
    }

    // ---- select and move ----

    startSelect(at) {
        // Escape, or another tool, before the board has answered drops what the answers would select.
        const action = { kind: 'select', from: at, to: at, mode: 'pending', deselections: this.deselections };
        const inside = this.selection && this.contains(this.selection.bounds, at);
        if (inside) {
            action.mode = 'move';
            action.ready = Promise.resolve();
            return action;
        }
        action.ready = this.dotnet.invokeMethodAsync('ElementAt', at[0], at[1], hitRadius / this.view.scale)
            .then(found => {
                if (action.deselections !== this.deselections) {
                    action.mode = 'dropped';
                } else if (found) {
                    this.selection = { ids: found.ids, bounds: found.bounds, offset: null };
                    action.mode = 'move';
                    this.selection.offset = [action.to[0] - action.from[0], action.to[1] - action.from[1]];
                } else {
                    this.selection = null;
                    action.mode = 'marquee';
                }
                this.requestDraw();
            })
            .catch(() => { action.mode = 'marquee'; });
        return action;
    }

    async endSelect(action) {
        if (action.mode === 'move' && this.selection) {
            const [dx, dy] = [round(action.to[0] - action.from[0]), round(action.to[1] - action.from[1])];
            if (dx || dy) {
                const offset = [dx, dy];
                this.pendingMove = { ids: new Set(this.selection.ids), offset };
                this.selection.bounds = this.moved(this.selection.bounds, offset);
                this.sendEdit({ kind: 'move', elements: this.selection.ids, dx, dy });
            }
            this.selection.offset = null;
        } else if (action.mode === 'marquee') {
            const [a, b] = [action.from, action.to];
            const found = await this.dotnet.invokeMethodAsync('Within', Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
            if (action.deselections !== this.deselections) return;
            this.selection = found ? { ids: found.ids, bounds: found.bounds, offset: null } : null;
        }
        this.requestDraw();
    }

    deselect() {
        this.selection = null;
        this.deselections++;
    }

    contains(bounds, [x, y]) {
        return x >= bounds.minX && x <= bounds.maxX && y >= bounds.minY && y <= bounds.maxY;
    }

    moved(bounds, [dx, dy]) {
        return { minX: bounds.minX + dx, minY: bounds.minY + dy, maxX: bounds.maxX + dx, maxY: bounds.maxY + dy };
    }

    // The selection's box after others moved or erased what is in it.
    async refreshSelection() {
        if (!this.selection) return;
        const found = await this.dotnet.invokeMethodAsync('SelectionOf', this.selection.ids).catch(() => null);
        if (!this.selection) return;
        this.selection = found && found.ids.length ? { ...this.selection, ids: found.ids, bounds: found.bounds } : null;
        this.requestDraw();
    }

    // ---- edits and history ----

    undo() {
        this.sendEdit({ kind: 'undo' });
    }

    redo() {
        this.sendEdit({ kind: 'redo' });
    }

    clearBoard() {
        this.deselect();
        this.sendEdit({ kind: 'clear' });
    }

    sendEdit(message) {
        this.sendOnce({ ...message, op: newId() });
    }

    sendOnce(message) {
        this.outbox.once(message);
        this.schedule();
    }

    // ---- sending: once per animation frame, up to maxCallsInFlight unanswered, only while connected ----

    schedule() {
        if (!this.sendFrame) this.sendFrame = requestAnimationFrame(() => { this.sendFrame = 0; this.flush(); });
        if (!this.connected && !this.saveTimer) this.saveTimer = setTimeout(() => { this.saveTimer = 0; this.outbox.save(); }, 100);
    }

    // Waiting for each answer before sending on would hold every point a round trip (and the server's
    // write) behind the last: over a real network, ink would reach the others in bursts.
    async flush() {
        if (this.outbox.inFlight.length >= maxCallsInFlight || !this.connected || !this.joined) return;
        const batch = this.outbox.take();
        if (!batch) return;
        const generation = this.generation;
        let result;
        try {
            result = await this.submit(batch.messages);
        } catch {
            result = null;
        }
        // The connection dropped, or a call failed, while this was in flight: the outbox was rewound, and is sent again.
        if (generation !== this.generation) return;
        if (!result) {
            // The call itself failed, so it is not known what arrived: all of it goes again in a moment,
            // and the answers to the others in flight are not trusted.
            this.generation++;
            this.outbox.rewind();
            setTimeout(() => this.schedule(), 1000);
            return;
        }
        if (result.rejection) this.refused(batch);
        else this.outbox.acknowledge(batch);
        this.flush();
    }

    // Sends messages as they are; the outbox uses it, and so can a script on the page.
    submit(messages) {
        return this.dotnet.invokeMethodAsync('Submit', messages);
    }

    // The connection went down or came back. What was in flight may or may not have arrived: all that
    // was not acknowledged is sent again once connected (the server applies each item once).
    connectionChanged(state) {
        const connected = state === 'connected';
        if (connected === this.connected) return;
        this.connected = connected;
        this.generation++;
        this.outbox.rewind();
        if (connected) {
            this.schedule();
            this.sendPointerSoon();
        } else {
            this.outbox.save();
        }
    }

    // What the server refused is taken back; it said why, in a notice.
    refused(batch) {
        for (const item of this.outbox.refuse(batch)) {
            if (item.type === 'once' && item.message.kind === 'move') this.pendingMove = null;
            this.local.delete(item.id);
            for (const [pointer, action] of this.actions) if (action.stroke === item || action.shape === item) this.actions.delete(pointer);
        }
        this.requestDraw();
    }

    // ---- the display list: what the room published ----

    // One batch of what the room published: drawing entries, and who is on the board and where their
    // pointers are, when those changed. Entry i is the letter layout.ops[i] (CanvasLayout.Letters) on the
    // i-th of the space-separated layout.ids; `bytes` holds each entry's number of commands (32-bit
    // integers), then the commands of every entry (32-bit floats), which refer to layout.strings by index.
    apply(bytes, layout, people, you, pointers) {
        return this.inTurn(() => this.show(bytes, layout, people, you, pointers));
    }

    // The same, with the bytes downloaded from `address` (a large batch: see CanvasDownloads).
    applyDownloaded(address, layout, people, you, pointers) {
        const bytes = this.download(address);
        bytes.catch(() => {}); // its failure is the call's, reported when its turn comes
        return this.inTurn(async () => this.show(await bytes, layout, people, you, pointers));
    }

    // A large batch's bytes: downloaded, or when that fails, sent over the circuit after all.
    async download(address) {
        try {
            const response = await fetch(address, { cache: 'no-store' });
            if (response.ok) return new Uint8Array(await response.arrayBuffer());
        } catch {
            // The server is asked for it below.
        }
        const bytes = await this.dotnet.invokeMethodAsync('BatchNotDownloaded', address);
        if (!bytes) throw new Error("The board's drawing could not be downloaded, nor sent over the connection.");
        return bytes;
    }

    // The server sends the next batch before this page has answered the last: batches are shown in the
    // order they came, those after one still downloading once it is shown (or failed).
    inTurn(step) {
        const done = this.waiting ? this.waiting.then(step) : step();
        if (done instanceof Promise) {
            const settled = done.catch(() => {}).then(() => { if (this.waiting === settled) this.waiting = null; });
            this.waiting = settled;
        }
        return done;
    }

    show(bytes, layout, people, you, pointers) {
        // A copy: typed arrays need their start aligned to 4 bytes, which the bytes as received may not be.
        const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
        const entries = layout.ops.length;
        const counts = new Int32Array(buffer, 0, entries);
        const floats = new Float32Array(buffer, 4 * entries);
        const ids = layout.ids.split(' ');
        if (people) {
            this.cursors.setPeople(people, you);
            if (this.following !== null && !people.some(person => person.number === this.following)) this.follow(null);
        }
        if (pointers.length) {
            this.cursors.move(pointers);
            const followed = pointers.find(moved => moved.seat === this.following);
            if (followed) this.showViewOf(followed.pointer);
        }
        const ctx = this.dry.getContext('2d');
        // A pan waiting for its frame moves the dry layer's pixels: what is drawn onto them now would move with them.
        const onView = this.showsView();
        let redraw = false;
        let selectionTouched = false;
        let start = 0;
        for (let entry = 0; entry < entries; entry++) {
            const id = ids[entry];
            const end = start + counts[entry];
            const chunk = { commands: floats.subarray(start, end), strings: layout.strings };
            start = end;
            switch (layout.ops[entry]) {
                case 'r':
                    this.joined = true;
                    this.display.reset();
                    redraw = true;
                    selectionTouched = true;
                    break;
                case 'p':
                case 'f':
                    if (this.pendingMove?.ids.has(id)) this.pendingMove = null;
                    if (this.selection?.ids.includes(id)) selectionTouched = true;
                    if (this.display.put(id, chunk) && onView) {
                        if (!redraw && !this.local.has(id)) this.display.drawOne(ctx, chunk);
                    } else {
                        redraw = true;
                    }
                    // The dry copy of this person's own element replaces its wet one.
                    if (layout.ops[entry] === 'f' && this.local.delete(id)) redraw = true;
                    break;
                case 'a':
                    if (!this.display.append(id, chunk)) break;
                    if (!onView) redraw = true;
                    else if (!redraw && !this.local.has(id)) this.display.drawOne(ctx, chunk);
                    break;
                case 'd':
                    if (this.local.delete(id)) redraw = true;
                    break;
                case 'x':
                    if (this.selection?.ids.includes(id)) selectionTouched = true;
                    this.erasing.delete(id);
                    redraw = this.display.remove(id) || redraw;
                    break;
            }
        }
        if (redraw) this.draw();
        // Said by the page itself, at once: waiting for the server to render it would be a round trip later.
        if (this.joined) this.surface.dataset.ready = 'true';
        if (selectionTouched) this.refreshSelection();
        this.schedule(); // what was drawn before joining, or kept from an earlier page, can go now
    }

    // ---- export: what the board shows, as a PNG file ----

    // Draws the published board on white, under this person's view, or (given the content's bounds) all
    // of it at 100 %; returns the picture's object URL, for the page to download.
    exportPng(bounds) {
        const ratio = window.devicePixelRatio || 1;
        const canvas = document.createElement('canvas');
        const ctx = canvas.getContext('2d');
        if (bounds) {
            const margin = 20;
            const [width, height] = [bounds.maxX - bounds.minX + 2 * margin, bounds.maxY - bounds.minY + 2 * margin];
            const scale = Math.min(ratio, maxExportSide / Math.max(width, height));
            canvas.width = Math.ceil(width * scale);
            canvas.height = Math.ceil(height * scale);
            ctx.setTransform(scale, 0, 0, scale, (margin - bounds.minX) * scale, (margin - bounds.minY) * scale);
        } else {
            [canvas.width, canvas.height] = [this.dry.width, this.dry.height];
            this.view.applyTo(ctx, ratio);
        }
        ctx.save();
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.restore();
        ctx.lineCap = 'round';
        ctx.lineJoin = 'round';
        this.display.draw(ctx, () => ({}));
        return new Promise(resolve => canvas.toBlob(blob => resolve(URL.createObjectURL(blob)), 'image/png'));
    }

    // ---- drawing, at most once a frame ----

    // Something shown changed: the next frame draws the dry layer again.
    requestDraw() {
        this.dryStale = true;
        this.requestFrame();
    }

    // Only the view changed: the next frame may move what the dry layer shows instead (see panDry).
    requestFrame() {
        if (this.drawFrame) return;
        this.drawFrame = requestAnimationFrame(() => {
            this.drawFrame = 0;
            if (this.dryStale || !(this.panDry() || this.zoomDry())) this.draw();
            else this.drawWetAll();
        });
    }

    draw() {
        const started = performance.now();
        const ratio = window.devicePixelRatio || 1;
        const dry = this.dry.getContext('2d');
        this.clear(this.dry);
        this.view.applyTo(dry, ratio);
        this.drawDry(dry, [0, 0, this.dry.width, this.dry.height], ratio);
        this.drawTime = performance.now() - started;
        this.dryStale = false;
        this.shown = { x: this.view.x, y: this.view.y, scale: this.view.scale, ratio, width: this.dry.width, height: this.dry.height };
        this.drawWetAll();
    }

    // The published elements within a rectangle of the dry layer ([x, y, width, height] in device pixels),
    // no finer than a device pixel: a large board pans and zooms at frame rate.
    drawDry(ctx, [x, y, width, height], ratio) {
        const [minX, minY] = this.view.toBoard(x / ratio, y / ratio);
        const [maxX, maxY] = this.view.toBoard((x + width) / ratio, (y + height) / ratio);
        const moving = this.selection?.offset ? new Set(this.selection.ids) : null;
        this.display.draw(ctx, id => ({
            hidden: this.local.has(id),
            faded: this.erasing.has(id),
            offset: moving?.has(id) ? this.selection.offset : this.pendingMove?.ids.has(id) ? this.pendingMove.offset : null,
        }), { minX, minY, maxX, maxY }, 1 / (this.view.scale * ratio));
    }

    // The dry layer shows the view as it is now: an element can be drawn onto it as it comes.
    showsView() {
        return this.shown?.x === this.view.x && this.shown.y === this.view.y && this.shown.scale === this.view.scale;
    }

    // After a pan by whole device pixels at the same zoom, with nothing else changed: moves what the dry
    // layer shows and draws only the strips that came into view (zoomed out on a large board, a whole
    // redraw is thousands of strokes a frame). False when it cannot; the caller then draws it all.
    panDry() {
        const ratio = window.devicePixelRatio || 1;
        const { shown, dry } = this;
        if (!this.canMoveDry(ratio) || shown.scale !== this.view.scale || shown.scaled) return false;
        const [moveX, moveY] = [(this.view.x - shown.x) * ratio, (this.view.y - shown.y) * ratio];
        const [dx, dy] = [Math.round(moveX), Math.round(moveY)];
        const whole = Math.abs(moveX - dx) < 1e-6 && Math.abs(moveY - dy) < 1e-6;
        if (!whole || Math.abs(dx) >= dry.width || Math.abs(dy) >= dry.height) return false;
        const strips = [];
        if (dx !== 0) strips.push(dx > 0 ? [0, 0, dx, dry.height] : [dry.width + dx, 0, -dx, dry.height]);
        if (dy !== 0) strips.push(dy > 0 ? [0, 0, dry.width, dy] : [0, dry.height + dy, dry.width, -dy]);
        this.moveDry(1, dx, dy, strips, ratio);
        this.shown = { ...shown, x: this.view.x, y: this.view.y };
        return true;
    }

    // While the zoom changes on a board whose whole draw is slow: scales what the dry layer shows and
    // draws only what came into view at its edges; once the zoom has held for zoomSettle, the caller
    // draws it all, sharp. False when the whole draw is quick, or nothing shown can be reused.
    zoomDry() {
        const ratio = window.devicePixelRatio || 1;
        const { shown, dry } = this;
        if (!this.canMoveDry(ratio) || this.drawTime <= this.slowDraw) return false;
        if (shown.scale === this.view.scale) {
            const settling = shown.scaled && shown.x === this.view.x && shown.y === this.view.y && performance.now() - shown.scaledAt < zoomSettle;
            if (settling) this.requestFrame();
            return settling;
        }
        const factor = this.view.scale / shown.scale;
        // A device pixel d of what is shown goes to d * factor + offset.
        const [offsetX, offsetY] = [(this.view.x - shown.x * factor) * ratio, (this.view.y - shown.y * factor) * ratio];
        const [left, top] = [Math.max(0, Math.ceil(offsetX)), Math.max(0, Math.ceil(offsetY))];
        const right = Math.min(dry.width, Math.floor(offsetX + dry.width * factor));
        const bottom = Math.min(dry.height, Math.floor(offsetY + dry.height * factor));
        if (right <= left || bottom <= top) return false;
        const strips = [];
        if (left > 0) strips.push([0, 0, left, dry.height]);
        if (right < dry.width) strips.push([right, 0, dry.width - right, dry.height]);
        if (top > 0) strips.push([left, 0, right - left, top]);
        if (bottom < dry.height) strips.push([left, bottom, right - left, dry.height - bottom]);
        this.moveDry(factor, offsetX, offsetY, strips, ratio);
        this.shown = { ...shown, x: this.view.x, y: this.view.y, scale: this.view.scale, scaled: true, scaledAt: performance.now() };
        this.requestFrame();
        return true;
    }

    // Something is drawn, at the same device pixel ratio and canvas size: it can move instead of being drawn again.
    canMoveDry(ratio) {
        const { shown, dry } = this;
        return !!shown && shown.ratio === ratio && shown.width === dry.width && shown.height === dry.height;
    }

    // Moves the dry layer's pixels (scaled by `factor`, then shifted by device pixels) to where the view
    // shows them now, and draws the rectangles that came into view.
    moveDry(factor, offsetX, offsetY, strips, ratio) {
        const { dry } = this;
        const ctx = dry.getContext('2d');
        ctx.save();
        ctx.setTransform(factor, 0, 0, factor, offsetX, offsetY);
        ctx.globalCompositeOperation = 'copy';
        ctx.drawImage(dry, 0, 0);
        ctx.restore();
        for (const strip of strips) {
            ctx.save();
            ctx.setTransform(1, 0, 0, 1, 0, 0);
            ctx.clearRect(...strip);
            ctx.beginPath();
            ctx.rect(...strip);
            ctx.clip();
            this.view.applyTo(ctx, ratio);
            this.drawDry(ctx, strip, ratio);
            ctx.restore();
        }
        this.view.applyTo(ctx, ratio);
    }

    drawWetAll() {
        // A blank wet layer is left alone: each frame the browser copies a canvas drawn on to the screen
        // again (in software, 4 MB a frame for a full-screen canvas), which a pan or zoom would do for nothing.
        const blank = !this.local.size && !this.selection && ![...this.actions.values()].some(action => action.mode === 'marquee');
        if (blank && this.wetBlank) return;
        this.wetBlank = blank;
        const ratio = window.devicePixelRatio || 1;
        const wet = this.wet.getContext('2d');
        this.clear(this.wet);
        this.view.applyTo(wet, ratio);
        for (const item of this.local.values()) {
            if (item.type === 'stroke') for (let i = 0; i < item.points.length; i++) this.drawWet(item, i);
            else this.drawWetShape(wet, item);
        }
        this.drawOverlay(wet, ratio);
    }

    drawWet(stroke, index) {
        this.wetBlank = false;
        const ctx = this.wet.getContext('2d');
        this.view.applyTo(ctx, window.devicePixelRatio || 1);
        const to = stroke.points[index];
        const from = index > 0 ? stroke.points[index - 1] : to;
        ctx.strokeStyle = stroke.color;
        ctx.lineWidth = widthAt(stroke.width, (from[2] + to[2]) / 2);
        ctx.beginPath();
        ctx.moveTo(from[0], from[1]);
        ctx.lineTo(to[0], to[1]);
        ctx.stroke();
    }

    // The same geometry as BoardRenderer.DrawShape; the dry copy replaces it once the server has it.
    drawWetShape(ctx, shape) {
        const [[x1, y1], [x2, y2]] = [shape.from, shape.to];
        ctx.strokeStyle = shape.color;
        ctx.lineWidth = shape.width;
        ctx.beginPath();
        if (shape.kind === 'rect') {
            ctx.rect(x1, y1, x2 - x1, y2 - y1);
        } else if (shape.kind === 'ellipse') {
            ctx.ellipse((x1 + x2) / 2, (y1 + y2) / 2, Math.abs(x2 - x1) / 2, Math.abs(y2 - y1) / 2, 0, 0, 2 * Math.PI);
        } else {
            ctx.moveTo(x1, y1);
            ctx.lineTo(x2, y2);
            if (shape.kind === 'arrow') {
                const angle = Math.atan2(y2 - y1, x2 - x1);
                const length = Math.max(12, shape.width * 3);
                for (const side of [-1, 1]) {
                    const direction = angle + Math.PI + side * Math.PI / 6;
                    ctx.moveTo(x2 + length * Math.cos(direction), y2 + length * Math.sin(direction));
                    ctx.lineTo(x2, y2);
                }
            }
        }
        ctx.stroke();
    }

    // The selection's box and a marquee being dragged, in screen pixels so they stay thin at any zoom.
    drawOverlay(ctx, ratio) {
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        ctx.save();
        ctx.lineWidth = 1;
        ctx.setLineDash([5, 4]);
        ctx.strokeStyle = '#1971c2';
        if (this.selection) {
            const bounds = this.selection.offset ? this.moved(this.selection.bounds, this.selection.offset) : this.selection.bounds;
            const [x1, y1] = this.view.toScreen(bounds.minX, bounds.minY);
            const [x2, y2] = this.view.toScreen(bounds.maxX, bounds.maxY);
            ctx.strokeRect(x1 - 4, y1 - 4, x2 - x1 + 8, y2 - y1 + 8);
        }
        for (const action of this.actions.values()) {
            if (action.kind !== 'select' || action.mode !== 'marquee') continue;
            const [x1, y1] = this.view.toScreen(...action.from);
            const [x2, y2] = this.view.toScreen(...action.to);
            ctx.fillStyle = 'rgba(25, 113, 194, 0.08)';
            ctx.fillRect(x1, y1, x2 - x1, y2 - y1);
            ctx.strokeRect(x1, y1, x2 - x1, y2 - y1);
        }
        ctx.restore();
    }

    // ---- size: sharp on high-DPI screens, redrawn from the display list on resize ----

    resize() {
        const ratio = window.devicePixelRatio || 1;
        const rect = this.surface.getBoundingClientRect();
        for (const canvas of [this.dry, this.wet]) {
            canvas.width = Math.max(1, Math.round(rect.width * ratio));
            canvas.height = Math.max(1, Math.round(rect.height * ratio));
            const ctx = canvas.getContext('2d');
            ctx.lineCap = 'round';
            ctx.lineJoin = 'round';
        }
        this.draw();
    }

    clear(canvas) {
        const ctx = canvas.getContext('2d');
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, canvas.width, canvas.height);
    }
}
