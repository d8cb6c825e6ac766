// Images: a file picked with the toolbar's image button, pasted (Ctrl+V) or dropped on the board is uploaded to the app
// (POST /b/{key}/images, apart from the board's operations), then placed as an `image` element naming the hash the app
// answered, centred where the pointer is, scaled to fit a sensible share of the view.

import { newId } from '../outbox.js';
import { round } from '../geometry.js';

const viewShare = 0.6; // of the view's width and height, at most, a new image covers
const accepted = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

export const imageTool = {
    // The toolbar's file input (inside `tool-image`) chose a file: placed in the middle of the view.
    imagePicked(e) {
        const input = e.target;
        if (!(input instanceof HTMLInputElement) || !input.matches('[data-image-file]')) return;
        const file = input.files?.[0];
        input.value = '';
        if (file) this.placeImage(file, this.viewCentre());
    },

    // The image button is a label (so a click opens its file input): Enter or Space on it, focused, opens the picker too.
    imageButtonKey(e) {
        if (!(e.target instanceof HTMLElement) || !e.target.matches('.board-image-button') || !['Enter', ' '].includes(e.key)) return;
        e.preventDefault();
        e.stopImmediatePropagation(); // not the board's own keys (Space would ready a pan)
        e.target.querySelector('[data-image-file]')?.click();
    },

    // A paste (see arrange.js's pasted) that carries an image file places it where the pointer is; false otherwise.
    pastedImage(e) {
        const file = [...(e.clipboardData?.files ?? [])].find(candidate => accepted.includes(candidate.type));
        if (!file) return false;
        this.placeImage(file, this.pointer ?? this.viewCentre());
        return true;
    },

    dragOver(e) {
        if (this.readOnly || ![...(e.dataTransfer?.types ?? [])].includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
    },

    dropped(e) {
        if (this.readOnly) return;
        const file = [...(e.dataTransfer?.files ?? [])][0];
        if (!file) return;
        e.preventDefault();
        this.placeImage(file, this.boardPoint(e));
    },

    viewCentre() {
        return this.view.toBoard(this.surface.clientWidth / 2, this.surface.clientHeight / 2);
    },

    async placeImage(file, [x, y]) {
        let answer;
        try {
            const response = await fetch(`${location.pathname.replace(/\/+$/, '')}/images`, { method: 'POST', body: file });
            if (!response.ok) {
                const refusal = await response.json().catch(() => null);
                this.notify(refusal?.problem ?? 'image-failed');
                return;
            }
            answer = await response.json();
        } catch {
            this.notify('image-failed');
            return;
        }
        const scale = Math.min(1, viewShare * this.surface.clientWidth / this.view.scale / answer.width,
            viewShare * this.surface.clientHeight / this.view.scale / answer.height);
        const [width, height] = [Math.max(2, answer.width * scale), Math.max(2, answer.height * scale)];
        const [left, top] = [round(x - width / 2), round(y - height / 2)];
        this.sendOnce({ kind: 'image', id: newId(), points: [left, top, round(left + width), round(top + height)], image: answer.hash });
    },
};
