// What the board shows, as a PNG file.

const maxExportSide = 8192; // pixels: about the largest canvas every browser makes

export const exporter = {
    // Draws the published board on white, in its stored (light mode's) colors whatever the theme, under this
    // person's view, or (given the content's bounds) all of it at 100 %, its images loaded first; returns the
    // picture's object URL, for the page to download.
    async exportPng(bounds) {
        await this.display.images?.ready(this.display.imageHashes());
        const ratio = window.devicePixelRatio || 1;
        const canvas = document.createElement('canvas');
        const ctx = canvas.getContext('2d');
        if (bounds) {
            const margin = 20;
            const [width, height] = [bounds.maxX - bounds.minX + 2 * margin, bounds.maxY - bounds.minY + 2 * margin];
            const scale = Math.min(ratio, maxExportSide / Math.max(width, height));
            canvas.width = Math.ceil(width * scale);
            canvas.height = Math.ceil(height * scale);
            ctx.setTransform(scale, 0, 0, scale, (margin - bounds.minX) * scale, (margin - bounds.minY) * scale);
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
        this.display.draw(ctx, () => ({}));
        return new Promise(resolve => canvas.toBlob(blob => resolve(URL.createObjectURL(blob)), 'image/png'));
    },
};
