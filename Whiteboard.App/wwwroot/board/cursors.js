// The other people's pointers on this person's board: one labelled cursor each, placed in board
// coordinates under this person's own view, moving smoothly between updates (which come at most about
// 30 times a second) unless its person is drawing, hidden while the pointer is off the board or idle,
// gone when its person leaves.

const idleAfter = 10_000; // milliseconds without a move before a cursor is hidden
const catchUp = 50;       // milliseconds: how quickly a cursor closes most of the way to its latest position

export class Cursors {
    // view() returns the current View, which pans and zooms under the cursors.
    constructor(surface, view) {
        this.view = view;
        this.layer = document.createElement('div');
        this.layer.className = 'board-cursors';
        surface.appendChild(this.layer);
        this.people = new Map(); // seat -> { name, color, isConnected }
        this.cursors = new Map(); // seat -> { element, label, shown: [x, y], target: [x, y], seen }
        this.pointers = new Map(); // seat -> the latest pointer (and view) of each other person
        this.you = 0;
        this.frame = 0;
        this.idleTimer = setInterval(() => this.hideIdle(), 1000);
    }

    detach() {
        clearInterval(this.idleTimer);
        cancelAnimationFrame(this.frame);
        this.layer.remove();
    }

    // Who is on the board (CanvasPeople): everyone, with a snapshot, then each change by seat number (SeatChange:
    // "joined" and "changed" carry the person as they are now, "left" none). Only the seats a change names are
    // looked at again, so a change costs the same however many people are here.
    updatePeople({ everyone, changes }, you) {
        this.you = you;
        if (everyone) this.people = new Map(everyone.map(person => [person.number, person]));
        for (const { number, person } of changes) {
            if (person) this.people.set(number, person);
            else this.people.delete(number);
        }
        const seats = everyone ? new Set([...this.pointers.keys(), ...this.cursors.keys()]) : changes.map(change => change.number);
        for (const seat of seats) this.showAgain(seat);
    }

    isHere(seat) {
        return this.people.has(seat);
    }

    // A seat's pointer and cursor after its person changed: forgotten when they left, hidden when they are this
    // person or their connection is down, labelled anew otherwise.
    showAgain(seat) {
        const person = this.people.get(seat);
        if (!person) this.pointers.delete(seat);
        const cursor = this.cursors.get(seat);
        if (!cursor) return;
        if (!person?.isConnected || seat === this.you) this.hide(seat);
        else this.label(cursor, person);
    }

    // The cursor of someone drawing jumps to each update, beside their ink: eased, it would have every page
    // make a frame 60 times a second for as long as anyone draws, and on a busy machine (ten pages on two
    // cores) that doubled the time their ink took to show. A laser's cursor jumps too, to the head of its trail,
    // which is drawn where each update puts it. Others' cursors glide.
    move(pointers) {
        const now = performance.now();
        let gliding = false;
        for (const { seat, pointer } of pointers) {
            const person = this.people.get(seat);
            if (person && seat !== this.you) this.pointers.set(seat, pointer);
            if (seat === this.you || !person?.isConnected || !pointer.onBoard) {
                this.hide(seat);
                continue;
            }
            let cursor = this.cursors.get(seat);
            if (!cursor) {
                cursor = this.create(person, [pointer.x, pointer.y]);
                this.cursors.set(seat, cursor);
            }
            cursor.target = [pointer.x, pointer.y];
            cursor.seen = now;
            if (person.isDrawing || pointer.laser) {
                cursor.shown = cursor.target;
                this.place(cursor);
            } else {
                gliding = true;
            }
        }
        if (gliding) this.animate();
    }

    create(person, at) {
        const element = document.createElement('div');
        element.className = 'board-cursor';
        element.dataset.testid = 'cursor';
        const arrow = document.createElement('div');
        arrow.className = 'board-cursor-arrow';
        const label = document.createElement('span');
        label.className = 'board-cursor-name';
        element.append(arrow, label);
        this.layer.appendChild(element);
        const cursor = { element, arrow, label, shown: at, target: at, seen: performance.now(), movedAt: performance.now() };
        this.label(cursor, person);
        this.place(cursor);
        return cursor;
    }

    // The name is text, never markup.
    label(cursor, person) {
        cursor.element.dataset.participant = person.name;
        cursor.label.textContent = person.name;
        cursor.label.style.background = person.color;
        cursor.arrow.style.color = person.color;
    }

    hide(seat) {
        this.cursors.get(seat)?.element.remove();
        this.cursors.delete(seat);
    }

    hideIdle() {
        const now = performance.now();
        for (const [seat, cursor] of this.cursors) if (now - cursor.seen > idleAfter) this.hide(seat);
    }

    // Eases every cursor toward its latest position, once a frame, for as long as one is still moving.
    animate() {
        if (this.frame) return;
        this.frame = requestAnimationFrame(now => {
            this.frame = 0;
            let moving = false;
            for (const cursor of this.cursors.values()) {
                const step = 1 - Math.exp(-Math.max(0, now - cursor.movedAt) / catchUp);
                cursor.movedAt = now;
                const [dx, dy] = [cursor.target[0] - cursor.shown[0], cursor.target[1] - cursor.shown[1]];
                const near = Math.hypot(dx, dy) * this.view().scale < 0.5;
                cursor.shown = near ? cursor.target : [cursor.shown[0] + dx * step, cursor.shown[1] + dy * step];
                moving ||= !near;
                this.place(cursor);
            }
            if (moving) this.animate();
        });
    }

    // After this person panned or zoomed: every cursor where its point now is on the screen.
    redraw() {
        for (const cursor of this.cursors.values()) this.place(cursor);
    }

    place(cursor) {
        const [x, y] = this.view().toScreen(...cursor.shown);
        cursor.element.style.transform = `translate(${x}px, ${y}px)`;
    }
}
