// The board's images as this page has them: each loaded once from the app (GET /b/{key}/images/{hash}), shared by every
// element that shows it. Until its bytes arrive an image is drawn as a placeholder box; once they do, the board is drawn again.

const placeholderFill = '#e9ecef';
const placeholderEdge = '#adb5bd';

export class BoardImages {
    constructor(onLoaded) {
        this.onLoaded = onLoaded;
        this.images = new Map(); // hash -> HTMLImageElement, loaded or loading
        this.base = `${location.pathname.replace(/\/+$/, '')}/images/`;
    }

    // Draws the image over the box, or the placeholder while it loads (or when it failed to).
    draw(ctx, hash, x, y, width, height) {
        const image = this.get(hash);
        if (image.complete && image.naturalWidth > 0) {
            ctx.drawImage(image, x, y, width, height);
            return;
        }
        ctx.fillStyle = placeholderFill;
        ctx.fillRect(x, y, width, height);
        ctx.strokeStyle = placeholderEdge;
        ctx.lineWidth = 1;
        ctx.strokeRect(x, y, width, height);
    }

    get(hash) {
        let image = this.images.get(hash);
        if (!image) {
            image = new Image();
            image.decoding = 'async';
            image.addEventListener('load', () => this.onLoaded(), { once: true });
            image.src = this.base + hash;
            this.images.set(hash, image);
        }
        return image;
    }
}
