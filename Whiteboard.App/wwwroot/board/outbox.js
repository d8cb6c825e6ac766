// What this person did that the server has not confirmed yet, in order: strokes and shapes being drawn
// (streams) and one-off edits. It is sent in batches, the next before the last is answered. Each item
// remembers what of it was sent and what the server acknowledged, so that after a lost connection everything
// unacknowledged is sent again; ids (element ids, operation ids, a stroke's point index) let the
// server apply it once. While the connection is down, or when the page goes away, the outbox is kept
// in localStorage, and the next page on the same board takes it up.

import { maxMessagesPerBatch, maxPointsPerMessage } from './shared-numbers.js';
import { styleParts } from './tools/style.js';

const storagePrefix = 'whiteboard.outbox.';

export function newId() {
    const bytes = crypto.getRandomValues(new Uint8Array(12));
    return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_');
}

export class Outbox {
    constructor(board) {
        this.storageKey = storagePrefix + board;
        this.items = [];
        // Batches sent and not yet answered, oldest first: the messages, and each item carried with how far
        // the batch took it (what the item has acknowledged once the batch is).
        this.inFlight = [];
    }

    get isEmpty() {
        return this.items.length === 0;
    }

    // `look` is the rest of the style ({ fill, line, opacity }; a stroke takes only an opacity), sent as styleParts.
    stroke(id, color, width, first, look = {}) {
        return this.add({ type: 'stroke', id, color, width, look, points: [first], ended: false, sent: 0, begun: false, endSent: false, acked: { sent: 0, begun: false, endSent: false } });
    }

    shape(id, kind, color, width, at, look = {}) {
        return this.add({ type: 'shape', id, kind, color, width, look, from: at, to: at, done: false, dirty: true, begun: false, doneSent: false, acked: { begun: false, doneSent: false } });
    }

    once(message) {
        return this.add({ type: 'once', message, taken: false, acked: { taken: false } });
    }

    add(item) {
        this.items.push(item);
        return item;
    }

    remove(item) {
        this.items = this.items.filter(other => other !== item);
    }

    // The next batch: streams go together; a one-off edit goes alone, after every stream begun before
    // it has been sent whole, so that an undo never overtakes the stroke it undoes.
    // Null when there is nothing to send.
    take() {
        const messages = [];
        const carried = new Map();
        let streamOpen = false;
        for (const item of this.items) {
            if (messages.length >= maxMessagesPerBatch) break;
            const before = messages.length;
            if (item.type === 'once') {
                if (streamOpen || messages.length) break;
                if (!item.taken) {
                    item.taken = true;
                    messages.push(item.message);
                }
            } else if (item.type === 'stroke') {
                this.takeStroke(item, messages);
                if (!item.endSent) streamOpen = true;
            } else {
                this.takeShape(item, messages);
                if (!item.doneSent) streamOpen = true;
            }
            if (messages.length > before) carried.set(item, progressOf(item));
            if (item.type === 'once' && item.taken) break;
        }
        if (!messages.length) return null;
        const batch = { messages, carried };
        this.inFlight.push(batch);
        return batch;
    }

    takeStroke(stroke, messages) {
        while (messages.length < maxMessagesPerBatch && stroke.sent < stroke.points.length) {
            const slice = stroke.points.slice(stroke.sent, stroke.sent + maxPointsPerMessage);
            const message = { kind: stroke.begun ? 'extend' : 'begin', id: stroke.id, from: stroke.sent, points: slice.flat() };
            if (!stroke.begun) Object.assign(message, { color: stroke.color, width: stroke.width }, styleParts(stroke.look));
            messages.push(message);
            stroke.begun = true;
            stroke.sent += slice.length;
        }
        if (messages.length < maxMessagesPerBatch && stroke.ended && !stroke.endSent && stroke.sent === stroke.points.length) {
            messages.push({ kind: 'end', id: stroke.id });
            stroke.endSent = true;
        }
    }

    takeShape(shape, messages) {
        const empty = shape.from[0] === shape.to[0] && shape.from[1] === shape.to[1];
        if (!shape.dirty || (empty && !shape.begun)) return; // nothing dragged out yet
        shape.begun = true;
        shape.dirty = false;
        shape.doneSent = shape.done;
        messages.push({ kind: 'shape', id: shape.id, shape: shape.kind, points: [...shape.from, ...shape.to], color: shape.color, width: shape.width, done: shape.done, ...styleParts(shape.look) });
    }

    // The server has a batch (they are answered in the order sent): items it holds whole are done with.
    acknowledge(batch) {
        for (const [item, progress] of batch.carried) item.acked = progress;
        this.inFlight = this.inFlight.filter(other => other !== batch);
        this.items = this.items.filter(item => !(item.acked.endSent || item.acked.doneSent || item.acked.taken));
        if (this.items.length === 0) forget(this.storageKey);
    }

    // The connection dropped with batches in flight: whatever was not acknowledged goes again.
    rewind() {
        for (const item of this.items) {
            if (item.type === 'stroke') Object.assign(item, item.acked);
            else if (item.type === 'shape') Object.assign(item, item.acked, { dirty: true });
            else Object.assign(item, item.acked);
        }
        this.inFlight = [];
    }

    // The server refused a batch, and said why: the items in it are dropped. Returns them.
    refuse(batch) {
        const refused = new Set(batch.carried.keys());
        this.inFlight = this.inFlight.filter(other => other !== batch);
        this.items = this.items.filter(item => !refused.has(item));
        return [...refused];
    }

    // Keeps what the server has not acknowledged, for this page after a reload or for another page on the board.
    // False when the browser would not keep it.
    save() {
        if (this.items.length === 0) {
            forget(this.storageKey);
            return true;
        }
        const kept = this.items.map(item => {
            if (item.type === 'stroke') return { type: 'stroke', id: item.id, color: item.color, width: item.width, look: item.look, points: item.points, ended: item.ended, ...item.acked };
            if (item.type === 'shape') return { type: 'shape', id: item.id, kind: item.kind, color: item.color, width: item.width, look: item.look, from: item.from, to: item.to, done: item.done, begun: item.acked.begun };
            return { type: 'once', message: item.message };
        });
        try {
            localStorage.setItem(this.storageKey, JSON.stringify(kept));
            return true;
        } catch {
            // Storage is full or refused: what is in memory is still sent when the connection is back, and the
            // caller tells the person that closing the page would lose it.
            return false;
        }
    }

    // Takes up what an earlier page on this board kept. That page is gone, so whatever it was drawing has
    // ended; a stroke it had begun may have been finished by the server meanwhile, so its unsent points
    // continue as a new stroke from the last point the server has. Returns the strokes and shapes taken up,
    // and whether some of what was kept could not be read (and is dropped).
    restore() {
        let text;
        try {
            text = localStorage.getItem(this.storageKey);
        } catch {
            return { items: [], unreadable: false }; // storage turned off: nothing was kept
        }
        let kept;
        try {
            kept = JSON.parse(text ?? '[]');
        } catch {
            kept = null;
        }
        if (!Array.isArray(kept)) {
            forget(this.storageKey);
            return { items: [], unreadable: true };
        }
        let unreadable = false;
        for (const item of kept) {
            if (item?.type === 'stroke' && Array.isArray(item.points) && item.points.length) {
                let [id, points] = [item.id, item.points];
                const begun = item.begun && item.sent > 0;
                if (begun && item.sent < points.length) [id, points] = [newId(), points.slice(item.sent - 1)];
                const stroke = this.stroke(id, item.color, item.width, points[0], item.look);
                stroke.points = points;
                stroke.ended = true;
                if (begun && id === item.id) Object.assign(stroke, { sent: points.length, begun: true, acked: { sent: points.length, begun: true, endSent: false } });
            } else if (item?.type === 'shape' && Array.isArray(item.from) && Array.isArray(item.to)) {
                const shape = this.shape(item.id, item.kind, item.color, item.width, item.from, item.look);
                Object.assign(shape, { to: item.to, done: true, begun: !!item.begun, acked: { begun: !!item.begun, doneSent: false } });
            } else if (item?.type === 'once' && item.message) {
                this.once(item.message);
            } else {
                unreadable = true;
            }
        }
        return { items: this.items.filter(item => item.type !== 'once'), unreadable };
    }
}

// How far a batch being taken has taken an item: what the item has acknowledged once the batch is.
function progressOf(item) {
    if (item.type === 'stroke') return { sent: item.sent, begun: item.begun, endSent: item.endSent };
    if (item.type === 'shape') return { begun: item.begun, doneSent: item.doneSent };
    return { taken: item.taken };
}

// Drops what was kept. Storage turned off refuses even that, but then nothing was kept to drop.
function forget(key) {
    try {
        localStorage.removeItem(key);
    } catch {
        // turned off: nothing was kept
    }
}
