// What the room published, kept as drawing commands per element (see DESIGN.md, "Drawing"), so the
// board can be drawn again under any view without asking the server.

const op = { setStroke: 1, beginPath: 2, moveTo: 3, lineTo: 4, stroke: 5, closePath: 6, ellipse: 7, fillText: 8 };

// The font text is drawn in; its size comes with each command (TextLayout.FontSize on the server).
export const fontFamily = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export function replay(ctx, commands, strings) {
    for (let i = 0; i < commands.length;) {
        switch (commands[i]) {
            case op.setStroke: ctx.strokeStyle = strings[commands[i + 1]]; ctx.lineWidth = commands[i + 2]; i += 3; break;
            case op.beginPath: ctx.beginPath(); i += 1; break;
            case op.moveTo: ctx.moveTo(commands[i + 1], commands[i + 2]); i += 3; break;
            case op.lineTo: ctx.lineTo(commands[i + 1], commands[i + 2]); i += 3; break;
            case op.stroke: ctx.stroke(); i += 1; break;
            case op.closePath: ctx.closePath(); i += 1; break;
            case op.ellipse: ctx.ellipse(commands[i + 1], commands[i + 2], commands[i + 3], commands[i + 4], 0, 0, 2 * Math.PI); i += 5; break;
            case op.fillText:
                ctx.font = `${commands[i + 4]}px ${fontFamily}`;
                ctx.fillStyle = strings[commands[i + 5]];
                ctx.textBaseline = 'top';
                ctx.fillText(strings[commands[i + 1]], commands[i + 2], commands[i + 3]);
                i += 6;
                break;
            default: return;
        }
    }
}

export class DisplayList {
    constructor() {
        this.elements = new Map(); // id -> [chunk]; insertion order is drawing order, as on the server
    }

    reset() {
        this.elements.clear();
    }

    // True when the element is new and so lies on top of everything drawn so far.
    put(id, chunk) {
        const isNew = !this.elements.has(id);
        this.elements.set(id, [chunk]);
        return isNew;
    }

    append(id, chunk) {
        const chunks = this.elements.get(id);
        if (chunks) chunks.push(chunk);
        return !!chunks;
    }

    remove(id) {
        return this.elements.delete(id);
    }

    has(id) {
        return this.elements.has(id);
    }

    // Draws every element, letting the caller shift or fade some (a selection being moved, what an eraser touched).
    draw(ctx, styleOf) {
        for (const [id, chunks] of this.elements) {
            const style = styleOf(id);
            if (style.hidden) continue;
            ctx.save();
            if (style.offset) ctx.translate(style.offset[0], style.offset[1]);
            if (style.faded) ctx.globalAlpha = 0.25;
            for (const chunk of chunks) replay(ctx, chunk.commands, chunk.strings);
            ctx.restore();
        }
    }

    drawOne(ctx, chunk) {
        replay(ctx, chunk.commands, chunk.strings);
    }
}
