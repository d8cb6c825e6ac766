// The board as it was at a moment of its history (the history view, Components/Board/HistoryPanel.razor): drawn on
// this person's dry layer instead of the live board, under their own pan and zoom. The live board keeps taking what
// the room publishes meanwhile, without drawing it, and shows again, with all of it, when the view closes.

import { DisplayList } from './display-list.js';
import { entryLetters } from './shared-numbers.js';
import { decode } from './receiver.js';

export const history = {
    // The moment's board, drawn whole as a snapshot batch is (see receiver.js). Each call is numbered, so that a
    // moment still downloading when a later one comes is dropped rather than shown over it.
    showMoment(bytes, layout) {
        const call = ++this.momentCalls;
        this.putMoment(call, bytes, layout);
    },

    async showMomentDownloaded(address, layout) {
        const call = ++this.momentCalls;
        const bytes = await this.download(address);
        this.putMoment(call, bytes, layout);
    },

    putMoment(call, bytes, layout) {
        if (call !== this.momentCalls) return;
        const moment = new DisplayList(this.display.images);
        const { counts, floats, ids } = decode(bytes, layout);
        let start = 0;
        for (let entry = 0; entry < counts.length; entry++) {
            const end = start + counts[entry];
            const letter = layout.ops[entry];
            if (letter === entryLetters.put || letter === entryLetters.finished) {
                moment.put(ids[entry], { commands: floats.subarray(start, end), strings: layout.strings });
            }
            start = end;
        }
        if (!this.moment) this.enterHistory();
        this.moment = moment;
        this.draw();
    },

    // Nothing is drawn or edited while a moment shows: the pointer pans, as on a view-only link (see readOnly).
    enterHistory() {
        this.commitText();
        this.deselect();
        this.surface.dataset.history = 'true';
    },

    // Back to the live board, with everything published meanwhile.
    closeHistory() {
        ++this.momentCalls;
        if (!this.moment) return;
        this.moment = null;
        delete this.surface.dataset.history;
        this.requestDraw();
    },

    // Makes the board look like the moment again, as one edit of this person's (undone as any other), and shows the
    // live board, where the room shows it restored.
    restoreMoment(sequence) {
        this.closeHistory();
        this.sendEdit({ kind: 'restore', sequence });
    },
};
