// This person's pointer and view, told to the others (their cursors, and following) and to the toolbar (the zoom).

import { round } from './geometry.js';
import { pointerInterval } from './shared-numbers.js';

export const presence = {
    // A pointer drawing a stroke or a shape is not sent: the room moves it with each piece of ink it applies
    // (RoomPointers.MoveWithInk), so the others get the two in one update, and the server one call a frame, not two.
    pointerMoved(at, inking = false) {
        this.pointer = at;
        if (!inking) this.sendPointerSoon();
    },

    // At most one update per interval: the latest position, sent when the interval is up.
    sendPointerSoon() {
        if (this.pointerTimer || !this.connected || !this.joined) return;
        const wait = Math.max(0, this.pointerSentAt + pointerInterval - performance.now());
        this.pointerTimer = setTimeout(() => {
            this.pointerTimer = 0;
            if (!this.connected) return; // sent again once connected (connectionChanged)
            this.pointerSentAt = performance.now();
            const rect = this.surface.getBoundingClientRect();
            const [viewX, viewY] = this.view.toBoard(rect.width / 2, rect.height / 2);
            const [x, y] = this.pointer ?? [viewX, viewY];
            const onBoard = this.pointer !== null;
            this.dotnet.invokeMethodAsync('MovePointer', x, y, onBoard, round(viewX), round(viewY), this.view.scale, onBoard && this.lasering)
                .catch(() => {
                    // A pointer is told again with its next move, and whole once the connection is back: one lost
                    // position is nothing the person would notice.
                });
        }, wait);
    },
};
