// What .NET calls on the board page: attaching the board (wwwroot/board/board.js, whose methods the
// component calls in turn) and keeping this browser's identity and name.
import { Board } from '../../board/board.js';

const identityKey = 'whiteboard.participant';
const nameKey = 'whiteboard.name';

export function attach(surface, dotnet, board, color, width, tool, dark) {
    const canvas = new Board(surface, dotnet, board, color, width, tool, dark);
    // Reachable from the page, as a script on the page could reach it anyway: end-to-end tests use it.
    surface.whiteboard = canvas;
    return canvas;
}

// Who this browser was on an earlier visit: its identity's token and the name it chose.
export function keptIdentity() {
    try {
        return { token: localStorage.getItem(identityKey), name: localStorage.getItem(nameKey) };
    } catch {
        // Storage is turned off: this visit is a newcomer, as when nothing was kept.
        return { token: null, name: null };
    }
}

export function keepIdentity(token) {
    keep(identityKey, token);
}

export function keepName(name) {
    keep(nameKey, name);
}

function keep(key, value) {
    try {
        localStorage.setItem(key, value);
    } catch {
        // Storage is full or turned off: the next visit is a newcomer (a new name, no undo history of this one's),
        // which is no reason to stop this visit.
    }
}
