// The text tool: an editor placed on the board, sent as one element when done.

import { newId } from '../outbox.js';
import { fontFamily, lineSpacing, textSize } from '../shared-numbers.js';
import { styleParts } from './style.js';

// The same rule as TextLayout.FontSize.
function fontSize(width) {
    return Math.max(textSize.min, width * textSize.perWidth);
}

export const textTool = {
    openTextEditor(at) {
        const editor = document.createElement('textarea');
        editor.className = 'board-text-editor';
        editor.dataset.testid = 'text-editor';
        editor.rows = 1;
        editor.spellcheck = false;
        this.textEditor = editor;
        this.textAt = at;
        this.textStyle = { ...this.style };
        editor.addEventListener('keydown', e => {
            if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Escape') {
                e.preventDefault();
                this.commitText();
            }
        });
        editor.addEventListener('input', () => this.positionTextEditor());
        editor.addEventListener('blur', () => this.commitText());
        this.surface.appendChild(editor);
        this.positionTextEditor();
        // At once: keys typed before a later focus would go to the page, where they are tool shortcuts.
        editor.focus();
    },

    positionTextEditor() {
        const editor = this.textEditor;
        if (!editor) return;
        const [x, y] = this.view.toScreen(...this.textAt);
        const size = fontSize(this.textStyle.width) * this.view.scale;
        Object.assign(editor.style, {
            left: `${x}px`, top: `${y}px`, font: `${size}px ${fontFamily}`, lineHeight: String(lineSpacing), color: this.ink(this.textStyle.color),
            opacity: String(this.textStyle.opacity),
        });
        editor.style.height = 'auto';
        editor.style.height = `${editor.scrollHeight}px`;
        editor.style.width = 'auto';
        editor.style.width = `${Math.max(editor.scrollWidth, size * 2)}px`;
    },

    commitText() {
        const editor = this.textEditor;
        if (!editor) return;
        this.textEditor = null;
        const text = editor.value.replace(/\s+$/, '');
        editor.remove();
        if (!text.trim()) return;
        this.sendOnce({ kind: 'text', id: newId(), points: this.textAt, text, color: this.textStyle.color, width: this.textStyle.width, ...styleParts({ opacity: this.textStyle.opacity }) });
    },
};
