// One board in the browser: its state, and the modules that each do one job on it (see DESIGN.md, "The
// way a stroke travels"): input, the tools, sending, receiving, the layers, the view, export.
import { DisplayList } from './display-list.js';
import { View } from './view.js';
import { Outbox } from './outbox.js';
import { Cursors } from './cursors.js';
import { LaserTrails } from './laser-trails.js';
import { navigation } from './navigation.js';
import { presence } from './presence.js';
import { notices } from './notices.js';
import { input } from './input.js';
import { penTool } from './tools/pen.js';
import { shapeTool } from './tools/shape.js';
import { textTool } from './tools/text.js';
import { eraserTool } from './tools/eraser.js';
import { selectTool } from './tools/select.js';
import { laserTool } from './tools/laser.js';
import { styleTool } from './tools/style.js';
import { resizeTool } from './tools/resize.js';
import { arrange } from './arrange.js';
import { imageTool } from './tools/image.js';
import { BoardImages } from './board-images.js';
import { sender } from './sender.js';
import { receiver } from './receiver.js';
import { exporter } from './export.js';
import { history } from './history.js';
import { layers, slowDraw } from './layers.js';
import { inkFor } from './theme.js';

export class Board {
    constructor(surface, dotnet, board, color, width, tool, dark) {
        this.surface = surface;
        this.dotnet = dotnet;
        this.style = { color, width, fill: null, line: 'solid', opacity: 1 }; // fill: null for none (see setStyle)
        this.tool = tool;
        this.awaitedTools = [];    // the tools this page chose itself that the server has not shown yet, oldest first (see chooseTool)
        this.ink = inkFor(dark);   // how each stored color is drawn in the board's theme
        this.dry = surface.querySelector('.board-dry');
        this.wet = surface.querySelector('.board-wet');
        this.display = new DisplayList(new BoardImages(() => this.requestDraw()));
        this.view = new View();
        this.local = new Map();    // this person's strokes and shapes not yet confirmed finished by the server, by id
        this.outbox = new Outbox(board);
        this.actions = new Map();  // pointerId -> what that pointer is doing
        this.touches = new Map();  // touch pointerId -> last screen position, for pinch and two-finger pan
        this.selection = null;     // { ids, bounds, offset } of the select tool
        this.deselections = 0;     // counts selections dropped, so that a marquee's late answer does not bring one back
        this.erasing = new Set();  // ids the eraser has touched in the current drag
        this.pendingMove = null;   // { ids, offset } sent and not yet shown back by the server
        this.textEditor = null;    // the in-place editor of a text or note (tools/text.js)
        this.textTarget = null;    // what it edits: a new text or note, or one on the board (with its id)
        this.pendingResize = null; // { id, from, to } of a resize sent and not yet shown back by the server
        this.spaceHeld = false;
        this.sendFrame = 0;
        this.waiting = null;       // while a batch waits for its download: settles once it is shown (see inTurn)
        this.drawFrame = 0;
        this.drawTime = 0;         // milliseconds the last whole draw of the dry layer took
        this.wetBlank = true;      // nothing is drawn on the wet layer
        this.slowDraw = slowDraw;  // a field: a test makes every board count as slow to draw
        this.viewOnly = false;     // a view-only link: the pointer only pans (see readOnly)
        this.moment = null;        // the display list of the history's moment shown instead of the live board (history.js)
        this.momentCalls = 0;      // counts the moments asked for and closings, so that a late one is dropped
        this.joined = false;       // the board's snapshot has arrived, so the session is on the board
        this.connected = document.documentElement.dataset.connection === 'connected';
        this.generation = 0;       // counts connection changes and failed calls: a reply from before one is not trusted
        this.pointer = null;       // { at, onBoard } of this person's pointer, to tell the others
        this.pointerSentAt = 0;
        this.pointerTimer = 0;
        this.saveTimer = 0;
        this.retryTimer = 0;       // while set, a call that failed waits to be tried again (see sender.js)
        this.failedCalls = 0;      // calls in a row that failed while the connection was up
        this.keptNothing = false;  // what the person did offline could not be kept in this browser: told once connected
        this.following = null;     // the seat whose view this person follows
        this.cursors = new Cursors(surface, () => this.view);
        this.lasers = new LaserTrails(); // the laser pointers' fading trails, this person's and the others'
        this.lasering = false;     // this person's laser is on: their pointer updates say so
        this.laserFrame = 0;
        const restored = this.outbox.restore();
        for (const item of restored.items) this.local.set(item.id, item);
        this.keptUnreadable = restored.unreadable; // told once on the board (see receiver.js)

        this.listeners = [
            [surface, 'pointerdown', e => this.down(e)],
            [surface, 'pointermove', e => this.move(e)],
            [surface, 'pointerup', e => this.up(e)],
            [surface, 'pointercancel', e => this.up(e)],
            [surface, 'wheel', e => this.wheel(e), { passive: false }],
            [surface, 'auxclick', e => e.preventDefault()],
            // A tool is chosen here at once, not when the server's answer to the toolbar comes back (see toolClicked).
            [document, 'click', e => this.toolClicked(e), { capture: true }],
            [surface, 'click', e => this.arrangeClicked(e)],
            [document, 'keydown', e => this.imageButtonKey(e)],
            [document, 'keydown', e => this.keydown(e)],
            [document, 'keyup', e => this.keyup(e)],
            [document, 'change', e => this.imagePicked(e)],
            [document, 'paste', e => this.pasted(e)],
            [surface, 'dragover', e => this.dragOver(e)],
            [surface, 'drop', e => this.dropped(e)],
            [surface, 'dblclick', e => this.doubleClicked(e)],
            [surface, 'pointerleave', e => { if (e.pointerType === 'mouse') this.pointerMoved(null); }],
            [window, 'whiteboard:connection', e => this.connectionChanged(e.detail)],
            // Nothing can be told to a page going away: a failure to keep the outbox here goes unsaid.
            [window, 'pagehide', () => this.outbox.save()],
        ];
        for (const [target, name, handler, options] of this.listeners) target.addEventListener(name, handler, options);
        this.resizeObserver = new ResizeObserver(() => this.resize());
        this.resizeObserver.observe(surface);
        this.resize();
    }

    // Fill is "none" or a color; line "solid", "dashed" or "dotted"; opacity up to 1.
    setStyle(color, width, fill = 'none', line = 'solid', opacity = 1) {
        this.style = { color, width, fill: fill === 'none' ? null : fill, line, opacity };
    }

    // The server shows a tool in the toolbar, answering this page's choices one by one, in the order they were made.
    // Until it has answered the last, what it shows answers an older choice, and following it would undo a newer one:
    // after rectangle, ellipse, rectangle, the answer to the ellipse comes after the one to the first rectangle. An
    // answer settles the choices before it too, in case one never reached the server (a shortcut's call while the
    // connection was down); a tool this page did not choose is no answer to it.
    setTool(tool) {
        if (this.awaitedTools.length > 0) {
            const answered = this.awaitedTools.indexOf(tool);
            if (answered < 0) return;
            this.awaitedTools.splice(0, answered + 1);
            if (this.awaitedTools.length > 0) return;
        }
        this.useTool(tool);
    }

    useTool(tool) {
        if (this.tool === tool) return;
        this.commitText();
        this.tool = tool;
        this.deselect();
        this.surface.dataset.tool = tool;
        this.requestDraw();
    }

    // Dark or light: how the default ink is drawn (see theme.js); the surface's background follows its data-theme.
    setTheme(dark) {
        this.ink = inkFor(dark);
        this.positionTextEditor();
        this.requestDraw();
    }

    // Nothing is drawn or edited on a view-only link, nor while a moment of the history shows: the primary button
    // and one finger pan instead.
    get readOnly() {
        return this.viewOnly || this.moment !== null;
    }

    setReadOnly(readOnly) {
        this.viewOnly = readOnly;
        this.surface.dataset.readonly = String(readOnly);
        if (readOnly) {
            this.closeTextEditor();
            this.deselect();
            this.requestDraw();
        }
    }

    detach() {
        for (const [target, name, handler, options] of this.listeners) target.removeEventListener(name, handler, options);
        this.resizeObserver.disconnect();
        cancelAnimationFrame(this.sendFrame);
        cancelAnimationFrame(this.drawFrame);
        cancelAnimationFrame(this.laserFrame);
        clearTimeout(this.pointerTimer);
        clearTimeout(this.saveTimer);
        clearTimeout(this.retryTimer);
        if (!this.outbox.isEmpty) this.outbox.save();
        this.cursors.detach();
        this.textEditor?.remove();
        delete this.surface.whiteboard;
    }
}

// Each module adds its methods: they share the board's state through `this`.
// The style module's selection is an accessor (it tells .NET when the selection changes), which Object.assign would not copy.
Object.defineProperties(Board.prototype, Object.getOwnPropertyDescriptors(styleTool));
Object.assign(Board.prototype, navigation, presence, notices, input, penTool, shapeTool, textTool, eraserTool, selectTool, laserTool, imageTool, resizeTool, arrange, sender, receiver, exporter, history, layers);
