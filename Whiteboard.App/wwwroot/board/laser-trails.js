// The laser pointer's trails: the recent positions of each laser on the board (this person's own as they move,
// the others' as their pointer updates bring them, about 30 a second), drawn over the board and fading out
// within a second. Never ink: nothing of it is sent as an operation, stored, undone or exported.

const laserFade = 1000;         // milliseconds a position of a trail stays visible
const headWidth = 6;           // screen pixels, the trail's width where it is newest
const glowWidth = 16;          // screen pixels, the soft glow around it

export class LaserTrails {
    constructor() {
        this.trails = new Map(); // whose laser (a seat, or 'own') -> { runs: [[{ x, y, at }]], on }
    }

    get isEmpty() {
        return this.trails.size === 0;
    }

    // A position of a laser, in board coordinates, at a time (performance.now()). A laser that was off starts a new
    // run, so that two presses are not joined by a line.
    add(whose, x, y, at) {
        let trail = this.trails.get(whose);
        if (!trail) {
            trail = { runs: [], on: false };
            this.trails.set(whose, trail);
        }
        if (!trail.on || !trail.runs.length) trail.runs.push([]);
        trail.on = true;
        trail.runs[trail.runs.length - 1].push({ x, y, at });
    }

    // The laser went off (the button lifted, or the person's pointer moved on without it): its trail fades out.
    end(whose) {
        const trail = this.trails.get(whose);
        if (trail) trail.on = false;
    }

    // Forgets the positions faded out by now, and the trails with none left.
    prune(now) {
        for (const [whose, trail] of this.trails) {
            trail.runs = trail.runs
                .map(run => run.filter(point => now - point.at < laserFade))
                .filter(run => run.length);
            if (!trail.runs.length) this.trails.delete(whose);
        }
    }

    // Draws every trail in screen pixels (the same width at any zoom): each stretch through the midpoints of its
    // positions, so that 30 updates a second make a smooth curve, fainter and thinner the older its position. The
    // stretches meet flat (round ends only at the run's two ends): overlapping round ends would bead the trail.
    draw(ctx, view, now) {
        ctx.save();
        for (const trail of this.trails.values()) {
            for (const run of trail.runs) {
                const shown = run.map(point => ({ at: point.at, xy: view.toScreen(point.x, point.y) }));
                const last = shown.length - 1;
                for (let i = 0; i <= last; i++) {
                    const { at, xy } = shown[i];
                    const before = shown[Math.max(0, i - 1)].xy;
                    const after = shown[Math.min(last, i + 1)].xy;
                    const life = Math.max(0, 1 - (now - at) / laserFade);
                    ctx.lineCap = i === 0 || i === last ? 'round' : 'butt';
                    this.stretch(ctx, midpoint(before, xy), xy, midpoint(xy, after), life);
                }
            }
        }
        ctx.restore();
    }

    stretch(ctx, from, through, to, life) {
        ctx.beginPath();
        ctx.moveTo(...from);
        ctx.quadraticCurveTo(...through, ...to);
        ctx.strokeStyle = `rgba(255, 40, 40, ${0.25 * life})`;
        ctx.lineWidth = glowWidth * (0.4 + 0.6 * life);
        ctx.stroke();
        ctx.strokeStyle = `rgba(255, 30, 30, ${life})`;
        ctx.lineWidth = headWidth * (0.3 + 0.7 * life);
        ctx.stroke();
    }
}

function midpoint([x1, y1], [x2, y2]) {
    return [(x1 + x2) / 2, (y1 + y2) / 2];
}
