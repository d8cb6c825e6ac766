// What this person does goes to the server: edits and history, then the outbox sent once per animation
// frame, up to maxCallsInFlight unanswered, only while connected.

import { newId } from './outbox.js';

const maxCallsInFlight = 16; // batches sent to the server and not yet answered, at most

export const sender = {
    undo() {
        this.sendEdit({ kind: 'undo' });
    },

    redo() {
        this.sendEdit({ kind: 'redo' });
    },

    clearBoard() {
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
        if (!this.connected && !this.saveTimer) this.saveTimer = setTimeout(() => { this.saveTimer = 0; this.outbox.save(); }, 100);
    },

    // Waiting for each answer before sending on would hold every point a round trip (and the server's
    // write) behind the last: over a real network, ink would reach the others in bursts.
    async flush() {
        if (this.outbox.inFlight.length >= maxCallsInFlight || !this.connected || !this.joined) return;
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
            // The call itself failed, so it is not known what arrived: all of it goes again in a moment,
            // and the answers to the others in flight are not trusted.
            this.generation++;
            this.outbox.rewind();
            setTimeout(() => this.schedule(), 1000);
            return;
        }
        if (result.rejection) this.refused(batch);
        else this.outbox.acknowledge(batch);
        this.flush();
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
        if (connected) {
            this.schedule();
            this.sendPointerSoon();
        } else {
            this.outbox.save();
        }
    },

    // What the server refused is taken back; it said why, in a notice.
    refused(batch) {
        for (const item of this.outbox.refuse(batch)) {
            if (item.type === 'once' && item.message.kind === 'move') this.pendingMove = null;
            this.local.delete(item.id);
            for (const [pointer, action] of this.actions) if (action.stroke === item || action.shape === item) this.actions.delete(pointer);
        }
        this.requestDraw();
    },
};
