// The eraser: the server's copy of the board says what the path touched.

import { hitRadius } from '../geometry.js';

export const eraserTool = {
    erase(action) {
        const path = action.path;
        action.path = [path[path.length - 1]]; // the next piece of the path starts where this one ends
        action.checking = action.checking
            .then(() => this.dotnet.invokeMethodAsync('Touching', path.flat(), hitRadius / this.view.scale))
            .then(ids => {
                for (const id of ids) this.erasing.add(id);
                this.requestDraw();
            })
            .catch(() => {
                // Told once a drag: the rest of the path would fail alike.
                if (action.failed) return;
                action.failed = true;
                this.notify('erase-failed');
            });
    },
};
