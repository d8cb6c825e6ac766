// What the room published, into the display list.

import { entryLetters } from './shared-numbers.js';

// A batch's entries as typed arrays (see receiver.apply): each entry's count of commands, the commands, the ids.
export function decode(bytes, layout) {
    // A copy: typed arrays need their start aligned to 4 bytes, which the bytes as received may not be.
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const entries = layout.ops.length;
    return { counts: new Int32Array(buffer, 0, entries), floats: new Float32Array(buffer, 4 * entries), ids: layout.ids.split(' ') };
}

export const receiver = {
    // One batch of what the room published: drawing entries, and who is on the board and where their
    // pointers are, when those changed. Entry i is the letter layout.ops[i] (CanvasLayout.Letters) on the
    // i-th of the space-separated layout.ids; `bytes` holds each entry's number of commands (32-bit
    // integers), then the commands of every entry (32-bit floats), which refer to layout.strings by index.
    // `people` is everyone with a snapshot, then the changes after it by seat (CanvasPeople), or null.
    apply(bytes, layout, people, you, pointers) {
        return this.inTurn(() => this.show(bytes, layout, people, you, pointers));
    },

    // The same, with the bytes downloaded from `address` (a large batch: see CanvasDownloads).
    applyDownloaded(address, layout, people, you, pointers) {
        const bytes = this.download(address);
        bytes.catch(() => {}); // its failure is the call's, reported when its turn comes
        return this.inTurn(async () => this.show(await bytes, layout, people, you, pointers));
    },

    // A large batch's bytes: downloaded, or when that fails, sent over the circuit after all.
    async download(address) {
        try {
            const response = await fetch(address, { cache: 'no-store' });
            if (response.ok) return new Uint8Array(await response.arrayBuffer());
        } catch {
            // The server is asked for it below.
        }
        const bytes = await this.dotnet.invokeMethodAsync('BatchNotDownloaded', address);
        if (!bytes) throw new Error("The board's drawing could not be downloaded, nor sent over the connection.");
        return bytes;
    },

    // The server sends the next batch before this page has answered the last: batches are shown in the
    // order they came, those after one still downloading once it is shown (or failed).
    inTurn(step) {
        const done = this.waiting ? this.waiting.then(step) : step();
        if (done instanceof Promise) {
            const settled = done.catch(() => {}).then(() => { if (this.waiting === settled) this.waiting = null; });
            this.waiting = settled;
        }
        return done;
    },

    show(bytes, layout, people, you, pointers) {
        const { counts, floats, ids } = decode(bytes, layout);
        const entries = counts.length;
        if (people) {
            this.cursors.updatePeople(people, you);
            if (this.following !== null && !this.cursors.isHere(this.following)) this.follow(null);
        }
        if (pointers.length) {
            this.cursors.move(pointers);
            this.lasersMoved(pointers);
            const followed = pointers.find(moved => moved.seat === this.following);
            if (followed) this.showViewOf(followed.pointer);
        }
        const ctx = this.dry.getContext('2d');
        // A pan waiting for its frame moves the dry layer's pixels: what is drawn onto them now would move with them.
        // While a moment of the history shows, the live board is kept, not drawn (see history.js).
        const live = !this.moment;
        const onView = live && this.showsView();
        let redraw = false;
        let selectionTouched = false;
        let start = 0;
        let places = []; // restack entries in a row, applied together (see DisplayList.restack)
        for (let entry = 0; entry < entries; entry++) {
            const id = ids[entry];
            const end = start + counts[entry];
            const chunk = { commands: floats.subarray(start, end), strings: layout.strings };
            start = end;
            if (places.length && layout.ops[entry] !== entryLetters.restack) {
                this.display.restack(places);
                places = [];
            }
            switch (layout.ops[entry]) {
                case entryLetters.reset:
                    this.joined = true;
                    this.display.reset();
                    redraw = true;
                    selectionTouched = true;
                    break;
                case entryLetters.put:
                case entryLetters.finished:
                    if (this.pendingMove?.ids.has(id)) this.pendingMove = null;
                    if (this.pendingResize?.id === id) this.pendingResize = null;
                    if (this.selection?.ids.includes(id)) selectionTouched = true;
                    if (this.display.put(id, chunk) && onView) {
                        if (!redraw && !this.local.has(id)) this.display.drawOne(ctx, chunk, this.ink);
                    } else {
                        redraw = true;
                    }
                    // The dry copy of this person's own element replaces its wet one.
                    if (layout.ops[entry] === entryLetters.finished && this.local.delete(id)) redraw = true;
                    break;
                case entryLetters.append:
                    if (!this.display.append(id, chunk)) break;
                    if (!onView) redraw = true;
                    else if (!redraw && !this.local.has(id)) this.display.drawOne(ctx, chunk, this.ink);
                    break;
                case entryLetters.done:
                    if (this.local.delete(id)) redraw = true;
                    break;
                case entryLetters.remove:
                    if (this.selection?.ids.includes(id)) selectionTouched = true;
                    this.erasing.delete(id);
                    redraw = this.display.remove(id) || redraw;
                    break;
                case entryLetters.restack:
                    places.push({ id, over: chunk.commands.length ? layout.strings[chunk.commands[0]] : null });
                    redraw = true;
                    break;
            }
        }
        if (places.length) this.display.restack(places);
        if (redraw && live) this.draw();
        // Said by the page itself, at once: waiting for the server to render it would be a round trip later.
        if (this.joined) this.surface.dataset.ready = 'true';
        if (this.joined && this.keptUnreadable) {
            this.keptUnreadable = false;
            this.notify('kept-unreadable');
        }
        if (selectionTouched) this.refreshSelection();
        this.schedule(); // what was drawn before joining, or kept from an earlier page, can go now
    },
};
