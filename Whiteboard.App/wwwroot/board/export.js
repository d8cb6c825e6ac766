// What the board shows, as a PNG file.

const maxExportSide = 8192; // pixels: about the largest canvas every browser makes

// The box around everything a display list draws, in board units, its lines' widths included; null when it draws nothing.
function contentOf(list) {
    let box = null;
    for (const { bounds } of list.elements.values()) {
        if (!(bounds.minX <= bounds.maxX)) continue;
        box = {
            minX: Math.min(box?.minX ?? Infinity, bounds.minX - bounds.pad),
            minY: Math.min(box?.minY ?? Infinity, bounds.minY - bounds.pad),
            maxX: Math.max(box?.maxX ?? -Infinity, bounds.maxX + bounds.pad),
            maxY: Math.max(box?.maxY ?? -Infinity, bounds.maxY + bounds.pad),
        };
    }
    return box;
}

export const exporter = {
    // Draws what this person sees on white, in its stored (light mode's) colors whatever the theme: the published board,
    // or the history's moment shown instead of it (history.js). Under this person's view, or (given the content's
    // bounds) all of it at 100 %, its images loaded first; returns the picture's object URL, for the page to download.
    // The bounds the server measures are the published board's: a moment is framed to its own content, even when the
    // published board is empty and has none (`fit` says all of it was asked for).
    async exportPng(bounds, fit = bounds != null) {
        const shown = this.moment ?? this.display;
        const area = fit && this.moment ? contentOf(this.moment) : bounds;
        await shown.images?.ready(shown.imageHashes());
        const ratio = window.devicePixelRatio || 1;
        const canvas = document.createElement('canvas');
        const ctx = canvas.getContext('2d');
        if (area) {
            const margin = 20;
            const [width, height] = [area.maxX - area.minX + 2 * margin, area.maxY - area.minY + 2 * margin];
            const scale = Math.min(ratio, maxExportSide / Math.max(width, height));
            canvas.width = Math.ceil(width * scale);
            canvas.height = Math.ceil(height * scale);
            ctx.setTransform(scale, 0, 0, scale, (margin - area.minX) * scale, (margin - area.minY) * scale);
        } else {
            [canvas.width, canvas.height] = [this.dry.width, this.dry.height];
            this.view.applyTo(ctx, ratio);
        }
        ctx.save();
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.restore();
        ctx.lineCap = 'round';
        ctx.lineJoin = 'round';
        shown.draw(ctx, () => ({}));
        return new Promise(resolve => canvas.toBlob(blob => resolve(URL.createObjectURL(blob)), 'image/png'));
    },
};
