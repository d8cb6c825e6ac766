// Resizing the one selected element by a corner handle of the select tool's box: the element is shown scaled as the
// handle moves, and one "resize" edit goes when it is let go (the server scales it its own way: BoardElement.ResizedTo).

import { round } from '../geometry.js';

const handleReach = 8; // screen pixels around a handle's centre that pick it up
const handleSize = 8;  // screen pixels a handle's square is wide
const boxMargin = 4;   // screen pixels between the element and its selection box (drawOverlay draws it so)
const smallest = 1;    // board units: a box is never dragged smaller than this either way

export const resizeTool = {
    // The corners of the selection box around `bounds`, as screen points: top left, top right, bottom right, bottom left.
    handleCorners(bounds) {
        const [x1, y1] = this.view.toScreen(bounds.minX, bounds.minY);
        const [x2, y2] = this.view.toScreen(bounds.maxX, bounds.maxY);
        return [[x1 - boxMargin, y1 - boxMargin], [x2 + boxMargin, y1 - boxMargin], [x2 + boxMargin, y2 + boxMargin], [x1 - boxMargin, y2 + boxMargin]];
    },

    // Which handle lies under a board point (its index in handleCorners), or -1. Only one element at a time has handles.
    handleAt(at) {
        if (this.selection?.ids.length !== 1 || this.selection.offset || this.readOnly) return -1;
        const [x, y] = this.view.toScreen(...at);
        return this.handleCorners(this.selection.bounds).findIndex(([hx, hy]) => Math.abs(x - hx) <= handleReach && Math.abs(y - hy) <= handleReach);
    },

    // The pointer shows it can resize over a handle (the surface's data-handle: the handle's index, see handleCorners).
    showHandleUnder(at) {
        const handle = String(this.handleAt(at));
        if (this.surface.dataset.handle !== handle) this.surface.dataset.handle = handle;
    },

    startResize(action, handle) {
        Object.assign(action, { mode: 'resize', handle, box: this.selection.bounds, ready: Promise.resolve() });
        this.selection.resizing = { from: action.box, to: action.box };
        return action;
    },

    // An image keeps its aspect ratio unless Shift frees it (the last move's Shift decides the box that is sent).
    moveResize(action, free) {
        action.free = free || !this.display.isImage(this.selection?.ids[0]);
        if (this.selection) this.selection.resizing = { from: action.box, to: this.resizedBox(action) };
    },

    endResize(action) {
        if (!this.selection) return;
        const [from, to] = [action.box, this.resizedBox(action)];
        this.selection.resizing = null;
        if (from.minX === to.minX && from.minY === to.minY && from.maxX === to.maxX && from.maxY === to.maxY) return;
        const id = this.selection.ids[0];
        this.pendingResize = { id, from, to };
        this.selection.bounds = to;
        this.sendEdit({ kind: 'resize', elements: [id], points: [to.minX, to.minY, to.maxX, to.maxY] });
    },

    // The box as the dragged handle makes it: that corner follows the pointer, the opposite one stays. Kept to the
    // old box's proportions unless the action is free: the larger of the two stretches sets both.
    resizedBox(action) {
        const { minX, minY, maxX, maxY } = action.box;
        const [dx, dy] = [action.to[0] - action.from[0], action.to[1] - action.from[1]];
        const left = action.handle === 0 || action.handle === 3;
        const top = action.handle === 0 || action.handle === 1;
        let [width, height] = [Math.max((maxX - minX) + (left ? -dx : dx), smallest), Math.max((maxY - minY) + (top ? -dy : dy), smallest)];
        if (!action.free) {
            const scale = Math.max(width / (maxX - minX), height / (maxY - minY));
            [width, height] = [Math.max((maxX - minX) * scale, smallest), Math.max((maxY - minY) * scale, smallest)];
        }
        return {
            minX: left ? round(maxX - width) : minX,
            minY: top ? round(maxY - height) : minY,
            maxX: left ? maxX : round(minX + width),
            maxY: top ? maxY : round(minY + height),
        };
    },

    // How an element is shown while it is resized, and until the server's resized copy arrives: its box scaled onto the new one.
    resizeOf(id) {
        if (this.selection?.resizing && this.selection.ids[0] === id) return this.selection.resizing;
        return this.pendingResize?.id === id ? this.pendingResize : null;
    },

    // The handles on the selection box's corners, in screen pixels (the overlay's transform).
    drawHandles(ctx, bounds) {
        if (this.selection?.ids.length !== 1 || this.readOnly) return;
        ctx.save();
        ctx.setLineDash([]);
        ctx.fillStyle = '#ffffff';
        for (const [x, y] of this.handleCorners(bounds)) {
            ctx.fillRect(x - handleSize / 2, y - handleSize / 2, handleSize, handleSize);
            ctx.strokeRect(x - handleSize / 2, y - handleSize / 2, handleSize, handleSize);
        }
        ctx.restore();
    },
};
