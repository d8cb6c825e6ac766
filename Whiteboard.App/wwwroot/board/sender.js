// What this person does goes to the server: edits and history, then the outbox sent once per animation
// frame, up to maxCallsInFlight unanswered, only while connected.

import { newId } from './outbox.js';

const maxCallsInFlight = 16; // batches sent to the server and not yet answered, at most
// Milliseconds before each new try of a call that failed while the connection was up (the server threw on it);
// one more failure in a row and what the call carried is taken back, so that what comes after it can go.
const retryDelays = [1000, 2000, 4000];

export const sender = {
    // Undo, redo and clear change the live board, which nobody sees while a moment of the history shows (nor may a
    // viewer change it): the toolbar's buttons, a shortcut or a script do nothing then.
    undo() {
        if (this.readOnly) return;
        this.sendEdit({ kind: 'undo' });
    },

    redo() {
        if (this.readOnly) return;
        this.sendEdit({ kind: 'redo' });
    },

    clearBoard() {
        if (this.readOnly) return;
        this.deselect();
        this.sendEdit({ kind: 'clear' });
    },

    sendEdit(message) {
        this.sendOnce({ ...message, op: newId() });
    },

    sendOnce(message) {
        this.outbox.once(message);
        this.schedule();
    },

    schedule() {
        if (!this.sendFrame) this.sendFrame = requestAnimationFrame(() => { this.sendFrame = 0; this.flush(); });
        if (!this.connected && !this.saveTimer) this.saveTimer = setTimeout(() => { this.saveTimer = 0; this.keep(); }, 100);
    },

    // Keeps the outbox in this browser while the connection is down. When the browser will not, the person is
    // told once the connection is back: had the page closed meanwhile, what they did would have been lost.
    keep() {
        if (!this.outbox.save()) this.keptNothing = true;
    },

    // Waiting for each answer before sending on would hold every point a round trip (and the server's
    // write) behind the last: over a real network, ink would reach the others in bursts.
    async flush() {
        if (this.outbox.inFlight.length >= maxCallsInFlight || !this.connected || !this.joined || this.retryTimer) return;
        const batch = this.outbox.take();
        if (!batch) return;
        const generation = this.generation;
        let result;
        try {
            result = await this.submit(batch.messages);
        } catch {
            result = null;
        }
        // The connection dropped, or a call failed, while this was in flight: the outbox was rewound, and is sent again.
        if (generation !== this.generation) return;
        if (!result) {
            this.callFailed(batch);
            return;
        }
        this.failedCalls = 0;
        if (result.rejection) this.refused(batch);
        else this.outbox.acknowledge(batch);
        this.flush();
    },

    // The call itself failed with the connection up, so it is not known what arrived: all of it goes again after
    // a pause that grows with each failure in a row, and the answers to the others in flight are not trusted.
    // The person is told at the first failure, and again when what the call carried is given up.
    callFailed(batch) {
        this.generation++;
        this.outbox.rewind();
        this.failedCalls++;
        if (this.failedCalls > retryDelays.length) {
            this.failedCalls = 0;
            this.refused(batch);
            this.notify('send-given-up');
            this.schedule();
            return;
        }
        if (this.failedCalls === 1) this.notify('send-failed');
        this.retryTimer = setTimeout(() => {
            this.retryTimer = 0;
            this.schedule();
        }, retryDelays[this.failedCalls - 1]);
    },

    // Sends messages as they are; the outbox uses it, and so can a script on the page.
    submit(messages) {
        return this.dotnet.invokeMethodAsync('Submit', messages);
    },

    // The connection went down or came back. What was in flight may or may not have arrived: all that
    // was not acknowledged is sent again once connected (the server applies each item once).
    connectionChanged(state) {
        const connected = state === 'connected';
        if (connected === this.connected) return;
        this.connected = connected;
        this.generation++;
        this.outbox.rewind();
        // A new connection: a call that failed on the old one is tried again at once.
        clearTimeout(this.retryTimer);
        this.retryTimer = 0;
        this.failedCalls = 0;
        if (connected) {
            if (this.keptNothing) {
                this.keptNothing = false;
                this.notify('not-kept');
            }
            this.schedule();
            this.sendPointerSoon();
        } else {
            this.keep();
        }
    },

    // What the server refused, or what could not be sent at all, is taken back; the person was told why, in a notice.
    refused(batch) {
        for (const item of this.outbox.refuse(batch)) {
            if (item.type === 'once' && item.message.kind === 'move') this.pendingMove = null;
            if (item.type === 'once' && item.message.kind === 'resize') this.pendingResize = null;
            this.local.delete(item.id);
            for (const [pointer, action] of this.actions) if (action.stroke === item || action.shape === item) this.actions.delete(pointer);
        }
        this.requestDraw();
    },
};
