// The select tool: a click or a marquee selects (the server's copy of the board says what), a drag moves.

import { hitRadius, round } from '../geometry.js';

export const selectTool = {
    startSelect(at) {
        // Escape, or another tool, before the board has answered drops what the answers would select.
        const action = { kind: 'select', from: at, to: at, mode: 'pending', deselections: this.deselections };
        const handle = this.handleAt(at);
        if (handle >= 0) return this.startResize(action, handle);
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
            .catch(() => {
                // What lies under the pointer is not known: the drag selects by its box instead, if that answers.
                action.mode = 'marquee';
                this.notify('select-failed');
            });
        return action;
    },

    async endSelect(action) {
        if (action.mode === 'resize') {
            this.endResize(action);
        } else if (action.mode === 'move' && this.selection) {
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
            const found = await this.dotnet.invokeMethodAsync('Within', Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]))
                .catch(() => {
                    this.notify('select-failed');
                    return null;
                });
            if (action.deselections !== this.deselections) return;
            this.selection = found ? { ids: found.ids, bounds: found.bounds, offset: null } : null;
        }
        this.requestDraw();
    },

    deselect() {
        this.selection = null;
        this.deselections++;
    },

    contains(bounds, [x, y]) {
        return x >= bounds.minX && x <= bounds.maxX && y >= bounds.minY && y <= bounds.maxY;
    },

    moved(bounds, [dx, dy]) {
        return { minX: bounds.minX + dx, minY: bounds.minY + dy, maxX: bounds.maxX + dx, maxY: bounds.maxY + dy };
    },

    // The selection's box after others moved or erased what is in it.
    async refreshSelection() {
        if (!this.selection) return;
        const found = await this.dotnet.invokeMethodAsync('SelectionOf', this.selection.ids).catch(() => {
            this.notify('select-failed');
            return null;
        });
        if (!this.selection) return;
        this.selection = found && found.ids.length ? { ...this.selection, ids: found.ids, bounds: found.bounds } : null;
        this.requestDraw();
    },
};
