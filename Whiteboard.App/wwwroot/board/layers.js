// The two canvases: "dry" draws the display list, "wet" this person's own ink, the selection and the lasers over it;
// drawn at most once a frame, sharp on high-DPI screens, redrawn from the display list on resize.

import { arrowHead, pressureWidth } from './shared-numbers.js';
import { dashOf } from './tools/style.js';

export const slowDraw = 8; // milliseconds: a whole dry layer drawn slower than this is not drawn again while the zoom changes (see zoomDry)
const zoomSettle = 120; // milliseconds the zoom holds before such a layer is drawn again, sharp

// The same width rule as BoardRenderer.WidthAt: pressure 0.5 (a mouse) draws the chosen width.
function widthAt(width, pressure) {
    const { base, perPressure, step } = pressureWidth;
    return Math.max(step, Math.round(width * (base + perPressure * pressure) / step) * step);
}

export const layers = {
    // Something shown changed: the next frame draws the dry layer again.
    requestDraw() {
        this.dryStale = true;
        this.requestFrame();
    },

    // Only the view changed: the next frame may move what the dry layer shows instead (see panDry).
    requestFrame() {
        if (this.drawFrame) return;
        this.drawFrame = requestAnimationFrame(() => {
            this.drawFrame = 0;
            if (this.dryStale || !(this.panDry() || this.zoomDry())) this.draw();
            else this.drawWetAll();
        });
    },

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
    },

    // The published elements (or the history's moment shown instead: see history.js) within a rectangle of the dry
    // layer ([x, y, width, height] in device pixels), no finer than a device pixel: a large board pans and zooms at frame rate.
    drawDry(ctx, [x, y, width, height], ratio) {
        const [minX, minY] = this.view.toBoard(x / ratio, y / ratio);
        const [maxX, maxY] = this.view.toBoard((x + width) / ratio, (y + height) / ratio);
        if (this.moment) {
            this.moment.draw(ctx, () => ({}), { minX, minY, maxX, maxY }, 1 / (this.view.scale * ratio), this.ink);
            return;
        }
        const moving = this.selection?.offset ? new Set(this.selection.ids) : null;
        this.display.draw(ctx, id => ({
            hidden: this.local.has(id) || id === this.textTarget?.id, // a text or note being edited shows in its editor
            faded: this.erasing.has(id),
            offset: moving?.has(id) ? this.selection.offset : this.pendingMove?.ids.has(id) ? this.pendingMove.offset : null,
            resize: this.resizeOf(id),
        }), { minX, minY, maxX, maxY }, 1 / (this.view.scale * ratio), this.ink);
    },

    // The dry layer shows the view as it is now: an element can be drawn onto it as it comes.
    showsView() {
        return this.shown?.x === this.view.x && this.shown.y === this.view.y && this.shown.scale === this.view.scale;
    },

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
    },

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
    },

    // Something is drawn, at the same device pixel ratio and canvas size: it can move instead of being drawn again.
    canMoveDry(ratio) {
        const { shown, dry } = this;
        return !!shown && shown.ratio === ratio && shown.width === dry.width && shown.height === dry.height;
    },

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
    },

    drawWetAll() {
        // A blank wet layer is left alone: each frame the browser copies a canvas drawn on to the screen
        // again (in software, 4 MB a frame for a full-screen canvas), which a pan or zoom would do for nothing.
        const now = performance.now();
        this.lasers.prune(now);
        this.showSelectionBar();
        const blank = !this.local.size && !this.selection && this.lasers.isEmpty
            && ![...this.actions.values()].some(action => action.mode === 'marquee');
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
        this.lasers.draw(wet, this.view, now);
    },

    drawWet(stroke, index) {
        this.wetBlank = false;
        const ctx = this.wet.getContext('2d');
        this.view.applyTo(ctx, window.devicePixelRatio || 1);
        const to = stroke.points[index];
        const from = index > 0 ? stroke.points[index - 1] : to;
        ctx.save();
        ctx.globalAlpha = stroke.look?.opacity ?? 1;
        ctx.strokeStyle = this.ink(stroke.color);
        ctx.lineWidth = widthAt(stroke.width, (from[2] + to[2]) / 2);
        ctx.beginPath();
        ctx.moveTo(from[0], from[1]);
        ctx.lineTo(to[0], to[1]);
        ctx.stroke();
        ctx.restore();
    },

    // The same geometry as BoardRenderer.DrawShape; the dry copy replaces it once the server has it.
    drawWetShape(ctx, shape) {
        const [[x1, y1], [x2, y2]] = [shape.from, shape.to];
        const { fill = null, line = 'solid', opacity = 1 } = shape.look ?? {};
        ctx.save();
        ctx.globalAlpha = opacity;
        ctx.strokeStyle = this.ink(shape.color);
        ctx.lineWidth = shape.width;
        ctx.setLineDash(dashOf(line, shape.width));
        ctx.beginPath();
        if (shape.kind === 'rect') {
            ctx.rect(x1, y1, x2 - x1, y2 - y1);
        } else if (shape.kind === 'ellipse') {
            ctx.ellipse((x1 + x2) / 2, (y1 + y2) / 2, Math.abs(x2 - x1) / 2, Math.abs(y2 - y1) / 2, 0, 0, 2 * Math.PI);
        } else {
            ctx.moveTo(x1, y1);
            ctx.lineTo(x2, y2);
            if (shape.kind === 'arrow') {
                // The head is solid, as BoardRenderer draws it.
                ctx.stroke();
                ctx.setLineDash([]);
                ctx.beginPath();
                const angle = Math.atan2(y2 - y1, x2 - x1);
                const length = Math.max(arrowHead.minLength, shape.width * arrowHead.perWidth);
                for (const side of [-1, 1]) {
                    const direction = angle + Math.PI + side * arrowHead.spreadDegrees * Math.PI / 180;
                    ctx.moveTo(x2 + length * Math.cos(direction), y2 + length * Math.sin(direction));
                    ctx.lineTo(x2, y2);
                }
            }
        }
        if (fill) {
            ctx.fillStyle = this.ink(fill);
            ctx.fill();
        }
        ctx.stroke();
        ctx.restore();
    },

    // The selection's box and a marquee being dragged, in screen pixels so they stay thin at any zoom.
    drawOverlay(ctx, ratio) {
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        ctx.save();
        ctx.lineWidth = 1;
        ctx.setLineDash([5, 4]);
        ctx.strokeStyle = '#1971c2';
        if (this.selection) {
            const bounds = this.selection.offset ? this.moved(this.selection.bounds, this.selection.offset)
                : this.selection.resizing?.to ?? this.selection.bounds;
            const [x1, y1] = this.view.toScreen(bounds.minX, bounds.minY);
            const [x2, y2] = this.view.toScreen(bounds.maxX, bounds.maxY);
            ctx.strokeRect(x1 - 4, y1 - 4, x2 - x1 + 8, y2 - y1 + 8);
            if (!this.selection.offset) this.drawHandles(ctx, bounds);
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
    },

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
    },

    clear(canvas) {
        const ctx = canvas.getContext('2d');
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, canvas.width, canvas.height);
    },
};
