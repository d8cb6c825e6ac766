// The boards this browser has visited, kept in its own storage, most recent first: the home page's list.
const recentKey = 'whiteboard.recent';
const kept = 50;

export function recentBoards() {
    try {
        const list = JSON.parse(localStorage.getItem(recentKey) ?? '[]');
        return Array.isArray(list) ? list.filter(entry => typeof entry?.key === 'string').slice(0, kept) : [];
    } catch {
        // A list damaged by hand, or kept by another version, reads as empty: the next visit writes it anew.
        return [];
    }
}

// Puts a board first; a link replaced by a new one (a new edit key) takes the old one's place.
export function rememberBoard(key, name, replaces) {
    const others = recentBoards().filter(entry => entry.key !== key && entry.key !== replaces);
    try {
        localStorage.setItem(recentKey, JSON.stringify([{ key, name, visited: Date.now() }, ...others].slice(0, kept)));
    } catch {
        // Storage is full or turned off: the home page's list misses this board, and the board itself is unaffected.
    }
}
