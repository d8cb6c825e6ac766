// What the board page does in the browser besides the canvas: downloads, the clipboard, its address.
export { rememberBoard } from '../../board/recent-boards.js';

export function download(url, fileName) {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    if (url.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function copyText(text) {
    try {
        await navigator.clipboard.writeText(text);
        return true;
    } catch {
        return false; // not a secure context, or not allowed: the link stays in its field to copy by hand
    }
}

// The page's address, after its edit link was replaced, without loading the page again.
export function showAddress(path) {
    history.replaceState(history.state, '', path);
}
