// This person's view of the board: pan and zoom, by hand or by following someone else's, never
// waiting for the server.

import { View } from './view.js';
import { round } from './geometry.js';

export const navigation = {
    screenPoint(e) {
        const rect = this.surface.getBoundingClientRect();
        return [e.clientX - rect.left, e.clientY - rect.top];
    },

    boardPoint(e) {
        const [bx, by] = this.view.toBoard(...this.screenPoint(e));
        return [round(bx), round(by)];
    },

    zoomBy(factor) {
        const rect = this.surface.getBoundingClientRect();
        this.view.zoomAt(factor, rect.width / 2, rect.height / 2);
        this.viewMovedByHand();
    },

    fit(bounds) {
        const rect = this.surface.getBoundingClientRect();
        if (bounds) this.view.fit(bounds, rect.width, rect.height);
        else this.view = new View();
        this.viewMovedByHand();
    },

    // This person panned or zoomed: they lead their own view again.
    viewMovedByHand() {
        this.follow(null, true);
        this.viewChanged();
    },

    // Shows what the person in a seat is looking at, and keeps doing so as they move, until this person
    // pans, zooms or presses Escape (then the component is told: byHand).
    follow(seat, byHand = false) {
        if (this.following === seat) return;
        if (byHand && this.following !== null) {
            this.dotnet.invokeMethodAsync('StopFollowing').catch(() => {
                // The connection is down (the badge says so): the view follows nobody already, only the people
                // panel still marks whom it followed, until the person chooses again.
            });
        }
        this.following = seat;
        if (seat === null) delete this.surface.dataset.following;
        else this.surface.dataset.following = String(seat);
        const pointer = this.cursors.pointers.get(seat);
        if (pointer) this.showViewOf(pointer);
    },

    // The followed person's view: the same point in the middle of the screen, at the same zoom.
    showViewOf(pointer) {
        const rect = this.surface.getBoundingClientRect();
        this.view.scale = pointer.viewScale;
        this.view.x = rect.width / 2 - pointer.viewX * pointer.viewScale;
        this.view.y = rect.height / 2 - pointer.viewY * pointer.viewScale;
        this.viewChanged();
    },

    // The view as a test or a user sees it: percentage and offset.
    viewState() {
        return { x: this.view.x, y: this.view.y, scale: this.view.scale };
    },

    viewChanged() {
        this.positionTextEditor();
        this.requestFrame();
        this.cursors.redraw();
        this.sendPointerSoon(); // which carries the zoom to the toolbar too: one call, not one per wheel event
    },

    wheel(e) {
        e.preventDefault();
        if (e.ctrlKey || e.metaKey) {
            this.view.zoomAt(Math.exp(-e.deltaY * 0.01), ...this.screenPoint(e));
        } else {
            this.view.panBy(-e.deltaX, -e.deltaY);
        }
        this.viewMovedByHand();
    },
};
