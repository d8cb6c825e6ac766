// One person's view of the unbounded board: a pan and a zoom, theirs alone. Screen = board * scale + offset.

import { viewScale } from './shared-numbers.js';

const { min: minScale, max: maxScale } = viewScale;

export class View {
    constructor() {
        this.x = 0;
        this.y = 0;
        this.scale = 1;
    }

    toBoard(sx, sy) {
        return [(sx - this.x) / this.scale, (sy - this.y) / this.scale];
    }

    toScreen(bx, by) {
        return [bx * this.scale + this.x, by * this.scale + this.y];
    }

    // Zooms keeping the board point under (sx, sy) where it is on the screen.
    zoomAt(factor, sx, sy) {
        const scale = Math.min(maxScale, Math.max(minScale, this.scale * factor));
        const [bx, by] = this.toBoard(sx, sy);
        this.scale = scale;
        this.x = sx - bx * scale;
        this.y = sy - by * scale;
    }

    panBy(dx, dy) {
        this.x += dx;
        this.y += dy;
    }

    // Shows the whole box, centred, with a margin; never zooms in past 100 %.
    fit(bounds, width, height, margin = 48) {
        const w = Math.max(bounds.maxX - bounds.minX, 1);
        const h = Math.max(bounds.maxY - bounds.minY, 1);
        this.scale = Math.max(minScale, Math.min(1, (width - 2 * margin) / w, (height - 2 * margin) / h));
        this.x = width / 2 - (bounds.minX + w / 2) * this.scale;
        this.y = height / 2 - (bounds.minY + h / 2) * this.scale;
    }

    applyTo(ctx, ratio) {
        ctx.setTransform(ratio * this.scale, 0, 0, ratio * this.scale, ratio * this.x, ratio * this.y);
    }
}
