// What the room published, kept as drawing commands per element (see DESIGN.md, "Drawing"), so the
// board can be drawn again under any view without asking the server.

import { canvasOps as op, fontFamily } from './shared-numbers.js';
import { asStored } from './theme.js';

// Draws commands on ctx; the caller saves and restores ctx around each element, so that an element's
// opacity and dashes (set by its own commands, as ICanvas2D says) end with it. A line-to is a run:
// [lineTo, n, x1, y1, ... xn, yn]. Points of a run closer than `detail` board units to the last one drawn
// are passed over (never a run's last, so every line ends where it should): zoomed out, a long stroke is
// a few screen pixels and most of its points change nothing on screen. `ink` says how each stored color is drawn (see theme.js); `alpha` is how much
// of the element shows before its own opacity (less while an eraser touches it); `images` draws stored images.
function replay(ctx, commands, strings, detail, ink, alpha, images) {
    let lastX = 0, lastY = 0;
    for (let i = 0; i < commands.length;) {
        switch (commands[i]) {
            case op.setStroke: ctx.strokeStyle = ink(strings[commands[i + 1]]); ctx.lineWidth = commands[i + 2]; i += 3; break;
            case op.beginPath: ctx.beginPath(); i += 1; break;
            case op.moveTo: lastX = commands[i + 1]; lastY = commands[i + 2]; ctx.moveTo(lastX, lastY); i += 3; break;
            case op.lineTo: {
                const end = i + 2 + 2 * commands[i + 1];
                for (let p = i + 2; p < end; p += 2) {
                    const x = commands[p], y = commands[p + 1];
                    if (p + 2 < end && Math.abs(x - lastX) < detail && Math.abs(y - lastY) < detail) continue;
                    ctx.lineTo(x, y);
                    lastX = x;
                    lastY = y;
                }
                i = end;
                break;
            }
            case op.stroke: ctx.stroke(); i += 1; break;
            case op.fill: ctx.fillStyle = ink(strings[commands[i + 1]]); ctx.fill(); i += 2; break;
            case op.setAlpha: ctx.globalAlpha = alpha * commands[i + 1]; i += 2; break;
            case op.setLineDash: ctx.setLineDash(commands[i + 1] || commands[i + 2] ? [commands[i + 1], commands[i + 2]] : []); i += 3; break;
            case op.closePath: ctx.closePath(); i += 1; break;
            case op.ellipse: ctx.ellipse(commands[i + 1], commands[i + 2], commands[i + 3], commands[i + 4], 0, 0, 2 * Math.PI); i += 5; break;
            case op.fillText: // the size comes with each command (TextLayout.FontSize on the server)
                ctx.font = `${commands[i + 4]}px ${fontFamily}`;
                ctx.fillStyle = ink(strings[commands[i + 5]]);
                ctx.textBaseline = 'top';
                ctx.fillText(strings[commands[i + 1]], commands[i + 2], commands[i + 3]);
                i += 6;
                break;
            case op.drawImage:
                images?.draw(ctx, strings[commands[i + 1]], commands[i + 2], commands[i + 3], commands[i + 4], commands[i + 5]);
                i += 6;
                break;
            default: return;
        }
    }
}

// The box a chunk's commands can paint, in board units: wide enough for the line width and for text
// (no glyph is wider than its font size); `images`, the hashes of the images it draws. Plain locals, no helper per point: a large board's snapshot
// brings a million points through here.
function boundsOf({ commands, strings }, into) {
    let { minX, minY, maxX, maxY, pad } = into;
    for (let i = 0; i < commands.length;) {
        switch (commands[i]) {
            case op.setStroke: pad = Math.max(pad, commands[i + 2] / 2); i += 3; break;
            case op.moveTo:
            case op.lineTo: {
                // A move is one point; a run of lines is its count, then its points.
                const move = commands[i] === op.moveTo;
                const first = move ? i + 1 : i + 2;
                const end = move ? i + 3 : i + 2 + 2 * commands[i + 1];
                for (let p = first; p < end; p += 2) {
                    const x = commands[p], y = commands[p + 1];
                    if (x < minX) minX = x;
                    if (x > maxX) maxX = x;
                    if (y < minY) minY = y;
                    if (y > maxY) maxY = y;
                }
                i = end;
                break;
            }
            case op.ellipse: {
                const [x, y, rx, ry] = [commands[i + 1], commands[i + 2], commands[i + 3], commands[i + 4]];
                minX = Math.min(minX, x - rx);
                minY = Math.min(minY, y - ry);
                maxX = Math.max(maxX, x + rx);
                maxY = Math.max(maxY, y + ry);
                i += 5;
                break;
            }
            case op.fillText: {
                const [x, y, size] = [commands[i + 2], commands[i + 3], commands[i + 4]];
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x + strings[commands[i + 1]].length * size);
                maxY = Math.max(maxY, y + size * 1.5);
                i += 6;
                break;
            }
            case op.drawImage: {
                const [x, y, width, height] = [commands[i + 2], commands[i + 3], commands[i + 4], commands[i + 5]];
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x + width);
                maxY = Math.max(maxY, y + height);
                (into.images ??= new Set()).add(strings[commands[i + 1]]);
                i += 6;
                break;
            }
            case op.beginPath:
            case op.stroke:
            case op.closePath: i += 1; break;
            case op.fill:
            case op.setAlpha: i += 2; break;
            case op.setLineDash: i += 3; break;
            default: i = commands.length;
        }
    }
    Object.assign(into, { minX, minY, maxX, maxY, pad });
    return into;
}

// Draws what lay in the box `from` into the box `to` (an element being resized), each axis stretched on its own.
function scaleOnto(ctx, from, to) {
    const width = from.maxX - from.minX, height = from.maxY - from.minY;
    if (!(width > 0 && height > 0)) return;
    ctx.translate(to.minX, to.minY);
    ctx.scale((to.maxX - to.minX) / width, (to.maxY - to.minY) / height);
    ctx.translate(-from.minX, -from.minY);
}

const emptyBounds = () => ({ minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity, pad: 0 });

function overlaps(bounds, dx, dy, view) {
    return bounds.minX + dx - bounds.pad <= view.maxX && bounds.maxX + dx + bounds.pad >= view.minX
        && bounds.minY + dy - bounds.pad <= view.maxY && bounds.maxY + dy + bounds.pad >= view.minY;
}

export class DisplayList {
    // `images` draws the board's images (board-images.js); without it, none are drawn.
    constructor(images = null) {
        this.images = images;
        this.elements = new Map(); // id -> { chunks, bounds }; insertion order is drawing order, as on the server
    }

    reset() {
        this.elements.clear();
    }

    // True when the element is new and so lies on top of everything drawn so far.
    put(id, chunk) {
        const isNew = !this.elements.has(id);
        this.elements.set(id, { chunks: [chunk], bounds: boundsOf(chunk, emptyBounds()) });
        return isNew;
    }

    append(id, chunk) {
        const element = this.elements.get(id);
        if (!element) return false;
        element.chunks.push(chunk);
        boundsOf(chunk, element.bounds);
        return true;
    }

    remove(id) {
        return this.elements.delete(id);
    }

    // New places in the drawing order, one after another (StackOrder.Apply on the server): each { id, over } goes
    // directly over the element `over`, or to the bottom when it is null. Linked through two maps, so that a place
    // costs the same on a large board, and the order is rebuilt once.
    restack(places) {
        const below = new Map(), above = new Map();
        let bottom = null, previous = null;
        const setAbove = (under, over) => { if (under === null) bottom = over; else above.set(under, over); };
        for (const id of this.elements.keys()) {
            below.set(id, previous);
            above.set(id, null);
            setAbove(previous, id);
            previous = id;
        }
        for (const { id, over } of places) {
            if (!below.has(id) || (over !== null && (over === id || !below.has(over)))) continue;
            const [under, next] = [below.get(id), above.get(id)];
            setAbove(under, next);
            if (next !== null) below.set(next, under);
            const after = over === null ? bottom : above.get(over);
            below.set(id, over);
            above.set(id, after);
            setAbove(over, id);
            if (after !== null) below.set(after, id);
        }
        const reordered = new Map();
        for (let id = bottom; id !== null; id = above.get(id)) reordered.set(id, this.elements.get(id));
        this.elements = reordered;
    }

    has(id) {
        return this.elements.has(id);
    }

    isImage(id) {
        return this.elements.get(id)?.bounds.images !== undefined;
    }

    // The hashes of every image the board shows.
    imageHashes() {
        const hashes = new Set();
        for (const { bounds } of this.elements.values()) bounds.images?.forEach(hash => hashes.add(hash));
        return hashes;
    }

    // Draws the elements that overlap `view` (a box in board units; all of them without one), letting the
    // caller shift or fade some (a selection being moved, what an eraser touched). See replay for `detail` and `ink`.
    draw(ctx, styleOf, view = null, detail = 0, ink = asStored) {
        for (const [id, { chunks, bounds }] of this.elements) {
            const style = styleOf(id);
            if (style.hidden) continue;
            if (view && !style.resize && !overlaps(bounds, style.offset?.[0] ?? 0, style.offset?.[1] ?? 0, view)) continue;
            ctx.save();
            if (style.offset) ctx.translate(style.offset[0], style.offset[1]);
            if (style.resize) scaleOnto(ctx, style.resize.from, style.resize.to);
            const alpha = style.faded ? 0.25 : 1;
            ctx.globalAlpha = alpha;
            for (const chunk of chunks) replay(ctx, chunk.commands, chunk.strings, detail, ink, alpha, this.images);
            ctx.restore();
        }
    }

    drawOne(ctx, chunk, ink = asStored) {
        ctx.save();
        replay(ctx, chunk.commands, chunk.strings, 0, ink, 1, this.images);
        ctx.restore();
    }
}
