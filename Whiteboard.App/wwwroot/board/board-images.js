// The board's images as this page has them: each loaded once from the app (GET /b/{key}/images/{hash}), shared by every
// element that shows it. Until its bytes arrive an image is drawn as a placeholder box; once they do, the board is drawn again.
// A load that fails (the app restarting, a dropped connection) is tried again later, each time waiting twice as long.

const placeholderFill = '#e9ecef';
const placeholderEdge = '#adb5bd';
const firstRetry = 1000, lastRetry = 30_000; // milliseconds

export class BoardImages {
    constructor(onLoaded) {
        this.onLoaded = onLoaded;
        this.images = new Map(); // hash -> HTMLImageElement, loaded or loading
        this.failures = new Map(); // hash -> loads failed in a row
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
            image.addEventListener('load', () => {
                this.failures.delete(hash);
                this.onLoaded();
            }, { once: true });
            image.addEventListener('error', () => this.retryLater(hash), { once: true });
            image.src = this.base + hash;
            this.images.set(hash, image);
        }
        return image;
    }

    retryLater(hash) {
        const failures = (this.failures.get(hash) ?? 0) + 1;
        this.failures.set(hash, failures);
        setTimeout(() => {
            this.images.delete(hash);
            this.onLoaded(); // drawn again: the next draw asks for it anew
        }, Math.min(lastRetry, firstRetry * 2 ** (failures - 1)));
    }

    // Resolves once each of these images has loaded and decoded, or failed to (a whole-board PNG draws images out of
    // view, which the screen never asked for).
    async ready(hashes) {
        await Promise.all([...hashes].map(hash => this.get(hash).decode().catch(() => undefined)));
    }
}
