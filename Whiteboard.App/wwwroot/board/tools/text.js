// The text and note tools' in-place editor: a new text or note, sent as one element when done, or a text or note on the
// board opened by a double click, sent as one edit of its content.

import { newId } from '../outbox.js';
import { hitRadius, round } from '../geometry.js';
import { defaultInk, fontFamily, lineSpacing, note, notePapers, textSize } from '../shared-numbers.js';
import { styleParts } from './style.js';

// The same rule as TextLayout.FontSize.
function fontSize(width) {
    return Math.max(textSize.min, width * textSize.perWidth);
}

export const textTool = {
    openTextEditor(at) {
        this.openEditor({ kind: 'text', at, color: this.style.color, width: this.style.width, opacity: this.style.opacity, content: '' });
    },

    // A note centred on the click, on the paper that goes with the chosen ink (NoteLayout.PaperForInk).
    openNoteEditor([x, y]) {
        const size = note.defaultSize;
        const paper = notePapers[this.style.color.toLowerCase()] ?? notePapers[defaultInk];
        this.openEditor({ kind: 'note', at: [round(x - size / 2), round(y - size / 2)], color: paper, width: size, content: '' });
    },

    // `target` is what the editor writes: { kind: 'text' | 'note', at, color, width, opacity, content } as a message carries
    // them (a note's color is its paper and its width its side), with the id of the one on the board it edits, if any.
    openEditor(target) {
        const editor = document.createElement('textarea');
        editor.className = target.kind === 'note' ? 'board-text-editor board-note-editor' : 'board-text-editor';
        editor.dataset.testid = 'text-editor';
        editor.rows = 1;
        editor.spellcheck = false;
        editor.value = target.content;
        this.textEditor = editor;
        this.textTarget = target;
        editor.addEventListener('keydown', e => {
            if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                this.commitText();
            } else if (e.key === 'Escape') {
                e.preventDefault();
                // A new text is kept, as it always was; a new note, or a change to one on the board, is dropped.
                if (target.kind === 'text' && !target.id) this.commitText();
                else this.closeTextEditor();
            }
        });
        editor.addEventListener('input', () => this.positionTextEditor());
        editor.addEventListener('blur', () => this.commitText());
        this.surface.appendChild(editor);
        this.positionTextEditor();
        if (target.id) this.requestDraw(); // the element shows in its editor only, not under it
        // At once: keys typed before a later focus would go to the page, where they are tool shortcuts.
        editor.focus();
        editor.setSelectionRange(editor.value.length, editor.value.length);
    },

    positionTextEditor() {
        const editor = this.textEditor;
        if (!editor) return;
        const target = this.textTarget;
        const [x, y] = this.view.toScreen(...target.at);
        if (target.kind === 'note') {
            // The paper with its text where NoteLayout puts it; the text wraps within the paper as it is typed.
            const side = target.width * this.view.scale;
            Object.assign(editor.style, {
                left: `${x}px`, top: `${y}px`, width: `${side}px`, padding: `${side * note.paddingPerSize}px`,
                font: `${side * note.fontPerSize}px ${fontFamily}`, lineHeight: String(lineSpacing),
                color: note.ink, background: this.ink(target.color),
            });
            editor.style.height = 'auto';
            editor.style.height = `${Math.max(editor.scrollHeight, side)}px`;
            return;
        }
        const size = fontSize(target.width) * this.view.scale;
        Object.assign(editor.style, {
            left: `${x}px`, top: `${y}px`, font: `${size}px ${fontFamily}`, lineHeight: String(lineSpacing), color: this.ink(target.color),
            opacity: String(target.opacity ?? 1),
        });
        editor.style.height = 'auto';
        editor.style.height = `${editor.scrollHeight}px`;
        editor.style.width = 'auto';
        editor.style.width = `${Math.max(editor.scrollWidth, size * 2)}px`;
    },

    // Sends what the editor holds: a new text or note, or the new content of one on the board (one edit, one undo
    // step). Empty, it places nothing and changes nothing.
    commitText() {
        const editor = this.textEditor;
        if (!editor) return;
        const target = this.textTarget;
        this.closeTextEditor();
        const text = editor.value.replace(/\s+$/, '');
        if (!text.trim()) return;
        if (target.id) {
            if (text !== target.content) this.sendEdit({ kind: 'edit-text', id: target.id, text });
        } else {
            const style = target.kind === 'text' ? styleParts({ opacity: target.opacity }) : {};
            this.sendOnce({ kind: target.kind, id: newId(), points: target.at, text, color: target.color, width: target.width, ...style });
        }
    },

    closeTextEditor() {
        const editor = this.textEditor;
        if (!editor) return;
        const edited = this.textTarget.id;
        this.textEditor = null;
        this.textTarget = null;
        editor.remove();
        if (edited) this.requestDraw();
    },

    // A double click on a text or note (with the select, text or note tool) opens it in the editor. The first click
    // of it may have opened a new, empty editor there (the text and note tools): that one goes.
    async doubleClicked(e) {
        if (this.readOnly || !['select', 'text', 'note'].includes(this.tool)) return;
        const fresh = this.textEditor && !this.textTarget.id && !this.textEditor.value.trim();
        if (e.target !== this.dry && e.target !== this.surface && !(fresh && e.target === this.textEditor)) return;
        const at = this.boardPoint(e);
        const found = await this.dotnet.invokeMethodAsync('TextAt', at[0], at[1], hitRadius / this.view.scale).catch(() => null);
        if (!found) return;
        if (this.textEditor) {
            if (this.textTarget.id || this.textEditor.value.trim()) return; // the person is typing: the editor stays theirs
            this.closeTextEditor();
        }
        this.deselect();
        this.openEditor({ kind: found.kind, id: found.id, at: [found.x, found.y], color: found.color, width: found.width, content: found.content });
    },
};
