// The pen: a stroke drawn wet at once and sent point by point.

import { newId } from '../outbox.js';
import { maxPointsPerStroke } from '../shared-numbers.js';

const strokeLength = maxPointsPerStroke / 2; // points; a longer stroke continues as a new one, well within the server's limit

export const penTool = {
    startStroke(first) {
        const stroke = this.outbox.stroke(newId(), this.style.color, this.style.width, first, { opacity: this.style.opacity });
        this.local.set(stroke.id, stroke);
        this.drawWet(stroke, 0);
        this.schedule();
        return stroke;
    },

    extendStroke(action, point) {
        let stroke = action.stroke;
        if (stroke.points.length >= strokeLength) {
            // Continue seamlessly as a new stroke starting where this one ends.
            stroke.ended = true;
            stroke = action.stroke = this.startStroke(stroke.points[stroke.points.length - 1]);
        }
        stroke.points.push(point);
        this.drawWet(stroke, stroke.points.length - 1);
    },
};
