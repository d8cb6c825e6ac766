// The numbers and names the browser shares with the server's C#, in one place. SharedNumbersTests reads
// this file and proves that each equals its C# twin (named beside it), so keep to one `export const` a line.

// BoardLimits: what the server accepts in one message, in one batch, in one stroke.
export const maxPointsPerMessage = 2000;
export const maxMessagesPerBatch = 32;
export const maxPointsPerStroke = 20000;
// BoardLimits.MaxCopyLength: characters of clipboard JSON a paste may send to the server.
export const maxCopyLength = 524288;

// DisplayListWriter: each drawing command's number in a batch's bytes.
export const canvasOps = { setStroke: 1, beginPath: 2, moveTo: 3, lineTo: 4, stroke: 5, closePath: 6, ellipse: 7, fillText: 8, fill: 9, setAlpha: 10, setLineDash: 11, drawImage: 12 };

// CanvasLayout.Letters: what each entry of a batch does.
export const entryLetters = { reset: 'r', put: 'p', finished: 'f', append: 'a', done: 'd', remove: 'x', restack: 'o' };

// BoardRenderer.WidthAt: a stroke's width at a pressure, width * (base + perPressure * pressure), in steps of `step`, at least one step.
export const pressureWidth = { base: 0.25, perPressure: 1.5, step: 0.25 };

// TextLayout.FontSize: the larger of `min` and the width times `perWidth`.
export const textSize = { min: 12, perWidth: 4 };

// TextLayout.LineSpacing and FontFamily: the text editor sets text where the canvas and the SVG export draw it.
export const lineSpacing = 1.25;
export const fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

// Pointer.MinScale and MaxScale: the zooms a view keeps to; the server drops a pointer whose view is outside them.
export const viewScale = { min: 0.1, max: 8 };

// BoardLimits.PointerMovesPerSecond: milliseconds between this page's pointer updates, so it stays under the server's rate.
export const pointerInterval = 33;

// ArrowHead: barbs as long as the larger of `minLength` and the width times `perWidth`, spreadDegrees either side of the shaft.
export const arrowHead = { minLength: 12, perWidth: 3, spreadDegrees: 30 };

// LineDashes: a line style's dash and gap, each times the line's width (dotted: round dots as wide as the line).
export const lineDash = { dashed: [3, 3], dotted: [0, 2.5] };


// BoardTools: each tool's keyboard shortcut.
export const toolShortcuts = { p: 'pen', l: 'line', a: 'arrow', r: 'rect', o: 'ellipse', t: 'text', n: 'note', e: 'eraser', v: 'select', k: 'laser' };

// BoardToolbar.Palette's first color: the default ink.
export const defaultInk = '#1e1e1e';

// NoteLayout: a placed note's side; its margin and font size as shares of the side; its text's color on every paper.
export const note = { defaultSize: 200, paddingPerSize: 0.08, fontPerSize: 0.08, ink: '#212529' };

// NoteLayout.PaperForInk: a note's paper, by the ink chosen in the toolbar's palette.
export const notePapers = { '#1e1e1e': '#ffec99', '#e03131': '#ffc9c9', '#2f9e44': '#b2f2bb', '#1971c2': '#a5d8ff', '#f08c00': '#ffd8a8', '#9c36b5': '#eebefa', '#0c8599': '#99e9f2', '#ffffff': '#e9ecef' };
