// Arranging what was placed, from the keyboard and the selection bar: duplicate (Ctrl+D), copy (Ctrl+C), paste
// (Ctrl+V: the browser's paste event, which also carries a pasted image), bring to front (] or Ctrl+]) and send to back ([ or Ctrl+[). The server makes the copies from the board as
// this person was shown it (BoardCanvas's DuplicateOf, CopyOf, PasteOf); they go as one "add" edit, one undo step.

import { maxCopyLength } from './shared-numbers.js';
import { isTyping } from './input.js';

export const arrange = {
    async duplicate() {
        const ids = this.selection?.ids;
        if (!ids?.length) return;
        const copies = await this.dotnet.invokeMethodAsync('DuplicateOf', ids).catch(() => {
            this.notify('duplicate-failed');
            return null;
        });
        this.placeCopies(copies);
    },

    // The selection's elements go to the system clipboard as this app's JSON, for a paste on this board or another.
    async copy() {
        const ids = this.selection?.ids;
        if (!ids?.length) return;
        try {
            const json = await this.dotnet.invokeMethodAsync('CopyOf', ids);
            if (json) await navigator.clipboard.writeText(json);
        } catch {
            this.notify('copy-failed');
        }
    },

    // Ctrl+V anywhere but in a text field: an image file on the clipboard is placed as an image (image.js); anything
    // else is pasted as this app's elements where the pointer is, or in the middle of the view. What is not this
    // app's elements is refused by the server, which says why.
    async pasted(e) {
        if (this.readOnly || this.textEditor || isTyping(e.target)) return;
        e.preventDefault();
        if (this.pastedImage(e)) return;
        const text = e.clipboardData?.getData('text/plain') ?? '';
        // More would not cross the connection whole.
        if (text.length > maxCopyLength) {
            this.notify('paste-too-large');
            return;
        }
        const rect = this.surface.getBoundingClientRect();
        const [x, y] = this.pointer ?? this.view.toBoard(rect.width / 2, rect.height / 2);
        const copies = await this.dotnet.invokeMethodAsync('PasteOf', text, x, y).catch(() => {
            this.notify('paste-failed');
            return null;
        });
        this.placeCopies(copies);
    },

    // Sends the copies as one edit; with the select tool in hand, they are what is selected next.
    placeCopies(copies) {
        if (!copies || this.readOnly) return;
        this.sendEdit({ kind: 'add', records: copies.records });
        if (this.tool === 'select') {
            this.deselect();
            this.selection = { ids: copies.selection.ids, bounds: copies.selection.bounds, offset: null };
        }
        this.requestDraw();
    },

    restack(toFront) {
        if (!this.selection?.ids.length || this.readOnly) return;
        this.sendEdit({ kind: toFront ? 'front' : 'back', elements: this.selection.ids });
    },

    // A click on a button of the selection bar (BoardCanvas.razor: data-arrange).
    arrangeClicked(e) {
        const button = e.target instanceof Element ? e.target.closest('[data-arrange]') : null;
        if (!button) return;
        switch (button.dataset.arrange) {
            case 'front': this.restack(true); break;
            case 'back': this.restack(false); break;
            case 'duplicate': this.duplicate(); break;
        }
    },

    // The selection bar shows while something is selected (the surface's data-selected).
    showSelectionBar() {
        const selected = String(Boolean(this.selection?.ids.length) && !this.readOnly);
        if (this.surface.dataset.selected !== selected) this.surface.dataset.selected = selected;
    },
};
