// The browser side of the board: pointer input, local "wet" ink, and the display list that
// the server's batched drawing commands are replayed from (see DESIGN.md, "Drawing").

// Mirrors of Whiteboard.Shared's BoardLimits: what the server accepts in one message, one batch, one stroke.
const maxPointsPerMessage = 1000;
const maxMessagesPerBatch = 32;
const maxPointsPerStroke = 10000; // half the server's limit: a longer stroke continues as a new one

const op = { setStroke: 1, beginPath: 2, moveTo: 3, lineTo: 4, stroke: 5 };

export function attach(surface, dotnet, color, width) {
    const board = new BoardCanvas(surface, dotnet, color, width);
    // Reachable from the page, as a script on the page could reach it anyway: end-to-end tests use it.
    surface.whiteboard = board;
    return board;
}

// The same width rule as BoardRenderer.WidthAt: pressure 0.5 (a mouse) draws the chosen width.
function widthAt(width, pressure) {
    return Math.max(0.25, Math.round(width * (0.25 + 1.5 * pressure) * 4) / 4);
}

function newStrokeId() {
    const bytes = crypto.getRandomValues(new Uint8Array(12));
    return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_');
}

function replay(ctx, commands, strings) {
    for (let i = 0; i < commands.length;) {
        switch (commands[i]) {
            case op.setStroke: ctx.strokeStyle = strings[commands[i + 1]]; ctx.lineWidth = commands[i + 2]; i += 3; break;
            case op.beginPath: ctx.beginPath(); i += 1; break;
            case op.moveTo: ctx.moveTo(commands[i + 1], commands[i + 2]); i += 3; break;
            case op.lineTo: ctx.lineTo(commands[i + 1], commands[i + 2]); i += 3; break;
            case op.stroke: ctx.stroke(); i += 1; break;
            default: return;
        }
    }
}

class BoardCanvas {
    constructor(surface, dotnet, color, width) {
        this.surface = surface;
        this.dotnet = dotnet;
        this.style = { color, width };
        this.dry = surface.querySelector('.board-dry');
        this.wet = surface.querySelector('.board-wet');
        this.elements = new Map(); // id -> { chunks: [{ commands, strings }] }; insertion order is drawing order
        this.strokes = new Map();  // this person's strokes not yet confirmed by the server, by id
        this.pointers = new Map(); // pointerId -> stroke being drawn with it
        this.sending = false;
        this.frame = 0;
        this.redrawAll = false;
        this.lastId = null;

        this.listeners = [
            ['pointerdown', e => this.down(e)],
            ['pointermove', e => this.move(e)],
            ['pointerup', e => this.up(e)],
            ['pointercancel', e => this.up(e)],
        ];
        for (const [name, handler] of this.listeners) surface.addEventListener(name, handler);
        this.resizeObserver = new ResizeObserver(() => this.resize());
        this.resizeObserver.observe(surface);
        this.resize();
    }

    setStyle(color, width) {
        this.style = { color, width };
    }

    detach() {
        for (const [name, handler] of this.listeners) this.surface.removeEventListener(name, handler);
        this.resizeObserver.disconnect();
        cancelAnimationFrame(this.frame);
        delete this.surface.whiteboard;
    }

    // ---- input and wet ink ----

    point(e) {
        const rect = this.surface.getBoundingClientRect();
        const round = v => Math.round(v * 100) / 100; // a hundredth of a pixel is plenty, and keeps messages short
        return [round(e.clientX - rect.left), round(e.clientY - rect.top), e.pointerType === 'mouse' ? 0.5 : round(e.pressure)];
    }

    down(e) {
        if (e.pointerType === 'mouse' && e.button !== 0) return;
        e.preventDefault();
        this.surface.setPointerCapture(e.pointerId);
        const stroke = this.startStroke(this.point(e));
        this.pointers.set(e.pointerId, stroke);
    }

    move(e) {
        let stroke = this.pointers.get(e.pointerId);
        if (!stroke) return;
        const events = e.getCoalescedEvents ? e.getCoalescedEvents() : [e];
        for (const each of events.length ? events : [e]) {
            const p = this.point(each);
            if (stroke.points.length >= maxPointsPerStroke) {
                // Continue seamlessly as a new stroke starting where this one ends.
                stroke.ended = true;
                stroke = this.startStroke(stroke.points[stroke.points.length - 1]);
                this.pointers.set(e.pointerId, stroke);
            }
            stroke.points.push(p);
            this.drawWetSegment(stroke, stroke.points.length - 1);
        }
        this.schedule();
    }

    up(e) {
        const stroke = this.pointers.get(e.pointerId);
        if (!stroke) return;
        this.pointers.delete(e.pointerId);
        stroke.ended = true;
        this.schedule();
    }

    startStroke(first) {
        const stroke = { id: newStrokeId(), color: this.style.color, width: this.style.width, points: [first], sent: 0, begun: false, ended: false, endSent: false };
        this.strokes.set(stroke.id, stroke);
        this.drawWetSegment(stroke, 0);
        this.schedule();
        return stroke;
    }

    drawWetSegment(stroke, index) {
        const ctx = this.wet.getContext('2d');
        const to = stroke.points[index];
        const from = index > 0 ? stroke.points[index - 1] : to;
        ctx.strokeStyle = stroke.color;
        ctx.lineWidth = widthAt(stroke.width, (from[2] + to[2]) / 2);
        ctx.beginPath();
        ctx.moveTo(from[0], from[1]);
        ctx.lineTo(to[0], to[1]);
        ctx.stroke();
    }

    redrawWet() {
        this.clear(this.wet);
        for (const stroke of this.strokes.values()) {
            for (let i = 0; i < stroke.points.length; i++) this.drawWetSegment(stroke, i);
        }
    }

    // ---- sending: once per animation frame, one call in flight at a time ----

    schedule() {
        if (!this.frame) this.frame = requestAnimationFrame(() => { this.frame = 0; this.flush(); });
    }

    takeMessages() {
        const messages = [];
        for (const stroke of this.strokes.values()) {
            while (messages.length < maxMessagesPerBatch && stroke.sent < stroke.points.length) {
                const slice = stroke.points.slice(stroke.sent, stroke.sent + maxPointsPerMessage);
                const message = { kind: stroke.begun ? 'extend' : 'begin', stroke: stroke.id, from: stroke.sent, points: slice.flat() };
                if (!stroke.begun) { message.color = stroke.color; message.width = stroke.width; }
                messages.push(message);
                stroke.begun = true;
                stroke.sent += slice.length;
            }
            if (messages.length < maxMessagesPerBatch && stroke.ended && !stroke.endSent && stroke.sent === stroke.points.length) {
                messages.push({ kind: 'end', stroke: stroke.id });
                stroke.endSent = true;
            }
        }
        return messages;
    }

    async flush() {
        if (this.sending) return;
        const messages = this.takeMessages();
        if (!messages.length) return;
        this.sending = true;
        try {
            const result = await this.submit(messages);
            if (result && result.rejection) this.dropStrokes(messages);
        } catch {
            this.dropStrokes(messages);
        } finally {
            this.sending = false;
        }
        this.flush();
    }

    submit(messages) {
        return this.dotnet.invokeMethodAsync('SubmitInk', messages);
    }

    // A refused stroke is taken back: the server said why, in a notice.
    dropStrokes(messages) {
        for (const message of messages) {
            const stroke = this.strokes.get(message.stroke);
            if (!stroke) continue;
            this.strokes.delete(stroke.id);
            for (const [pointer, active] of this.pointers) if (active === stroke) this.pointers.delete(pointer);
        }
        this.redrawWet();
    }

    // ---- the display list: what the room published ----

    apply(entries) {
        const ctx = this.dry.getContext('2d');
        for (const entry of entries) {
            const chunk = { commands: entry.commands, strings: entry.strings };
            switch (entry.op) {
                case 'reset':
                    this.elements.clear();
                    this.lastId = null;
                    this.redrawAll = true;
                    break;
                case 'add':
                    this.elements.set(entry.id, { chunks: [chunk] });
                    this.lastId = entry.id;
                    if (!this.redrawAll && !this.strokes.has(entry.id)) replay(ctx, chunk.commands, chunk.strings);
                    break;
                case 'append': {
                    const element = this.elements.get(entry.id);
                    if (!element) break;
                    element.chunks.push(chunk);
                    if (!this.redrawAll && !this.strokes.has(entry.id)) replay(ctx, chunk.commands, chunk.strings);
                    break;
                }
                case 'finish': {
                    const element = this.elements.get(entry.id);
                    // The dry copy of this person's own stroke replaces its wet ink.
                    if (element && this.strokes.delete(entry.id)) {
                        this.redrawWet();
                        if (entry.id === this.lastId) {
                            for (const part of element.chunks) replay(ctx, part.commands, part.strings);
                        } else {
                            this.redrawAll = true; // others drew over it meanwhile: keep the drawing order
                        }
                    }
                    break;
                }
            }
        }
        if (this.redrawAll) this.redrawDry();
    }

    redrawDry() {
        this.redrawAll = false;
        const ctx = this.dry.getContext('2d');
        this.clear(this.dry);
        for (const [id, element] of this.elements) {
            if (this.strokes.has(id)) continue;
            for (const chunk of element.chunks) replay(ctx, chunk.commands, chunk.strings);
        }
    }

    // ---- size: sharp on high-DPI screens, redrawn from the display list on resize ----

    resize() {
        const ratio = window.devicePixelRatio || 1;
        const rect = this.surface.getBoundingClientRect();
        for (const canvas of [this.dry, this.wet]) {
            canvas.width = Math.max(1, Math.round(rect.width * ratio));
            canvas.height = Math.max(1, Math.round(rect.height * ratio));
            const ctx = canvas.getContext('2d');
            ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
            ctx.lineCap = 'round';
            ctx.lineJoin = 'round';
        }
        this.redrawDry();
        this.redrawWet();
    }

    clear(canvas) {
        const ctx = canvas.getContext('2d');
        ctx.save();
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        ctx.restore();
    }
}
