// Lines, arrows, rectangles and ellipses: dragged out from corner to corner.

import { newId } from '../outbox.js';
import { round } from '../geometry.js';

export const shapeTools = { line: 'line', arrow: 'arrow', rect: 'rect', ellipse: 'ellipse' };

export const shapeTool = {
    startShape(at) {
        const kind = shapeTools[this.tool];
        // A fill only for what is closed; a line style for every shape (see ElementStyles).
        const fill = kind === 'rect' || kind === 'ellipse' ? this.style.fill : null;
        const shape = this.outbox.shape(newId(), kind, this.style.color, this.style.width, at, { fill, line: this.style.line, opacity: this.style.opacity });
        this.local.set(shape.id, shape);
        this.schedule();
        this.requestDraw();
        return shape;
    },

    reshape(shape, to, keepSquare) {
        if (keepSquare && (shape.kind === 'rect' || shape.kind === 'ellipse')) {
            const side = Math.max(Math.abs(to[0] - shape.from[0]), Math.abs(to[1] - shape.from[1]));
            to = [round(shape.from[0] + Math.sign(to[0] - shape.from[0] || 1) * side), round(shape.from[1] + Math.sign(to[1] - shape.from[1] || 1) * side)];
        }
        shape.to = to;
        shape.dirty = true;
        this.schedule();
        this.requestDraw();
    },
};
