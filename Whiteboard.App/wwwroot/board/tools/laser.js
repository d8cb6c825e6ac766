// The laser pointer: while the button is down, a trail follows the pointer on this page at once and, through the
// pointer updates the others already get (flagged as a laser), on theirs; it fades within a second. It rides the
// pointer's path and rate: no operation, nothing stored.

export const laserTool = {
    startLaser(at) {
        this.lasering = true;
        this.lasers.end('own');
        this.laserAt(at);
        return { kind: 'laser' };
    },

    laserAt(at) {
        this.lasers.add('own', at[0], at[1], performance.now());
        this.animateLaser();
    },

    // The button is lifted: the others are told at once that the laser is off, so theirs stops where it did.
    endLaser() {
        this.lasering = false;
        this.lasers.end('own');
        this.sendPointerSoon();
    },

    // The others' pointers that moved: a laser's position adds to its trail, any other pointer ends it.
    lasersMoved(pointers) {
        const now = performance.now();
        let added = false;
        for (const { seat, pointer } of pointers) {
            if (seat === this.cursors.you) continue; // this page draws its own laser as it moves
            if (pointer.laser && pointer.onBoard) {
                this.lasers.add(seat, pointer.x, pointer.y, now);
                added = true;
            } else {
                this.lasers.end(seat);
            }
        }
        if (added) this.animateLaser();
    },

    // The wet layer again each frame for as long as a trail is fading (see layers.js, drawWetAll).
    animateLaser() {
        if (this.laserFrame) return;
        this.laserFrame = requestAnimationFrame(() => {
            this.laserFrame = 0;
            this.drawWetAll();
            if (!this.lasers.isEmpty) this.animateLaser();
        });
    },
};
