// Styles: the fill, line style and opacity of what is drawn next (with color and width, in `this.style`), and
// restyling what the select tool holds. The toolbar shows the selection's style: the page tells .NET whenever
// the selection changes (SelectionChanged in BoardCanvas.razor), and .NET reads its style from the board as
// this person was shown it.

import { lineDash } from '../shared-numbers.js';

// The parts of a style a message carries beyond color and width, each only when not the default (no fill,
// solid, opaque), so that a plain element's message is as it was before styles.
export function styleParts({ fill = null, line = 'solid', opacity = 1 } = {}) {
    const parts = {};
    if (fill) parts.fill = fill;
    if (line !== 'solid') parts.line = line;
    if (opacity !== 1) parts.opacity = opacity;
    return parts;
}

// The dash pattern of a line style at a width, as LineDashes has it: [] for a solid line.
export function dashOf(line, width) {
    const pattern = lineDash[line];
    return pattern ? [pattern[0] * width, pattern[1] * width] : [];
}

export const styleTool = {
    // The select tool's selection ({ ids, bounds, offset } or null). Whatever sets it, .NET hears of it, so the
    // toolbar shows the style of what is selected: a new selection, none, or the same one after the board changed.
    get selection() {
        return this.selected ?? null;
    },

    set selection(value) {
        const before = this.selected ?? null;
        this.selected = value;
        if (before === value) return;
        this.dotnet.invokeMethodAsync('SelectionChanged', value ? value.ids : null).catch(() => {
            // The toolbar keeps showing what it showed; the badge shows the connection down.
        });
    },

    // The toolbar changed a part of the style with elements selected: they are restyled, as one edit (one undo step).
    restyleSelection(change) {
        if (this.readOnly || !this.selection?.ids.length) return;
        this.sendEdit({ kind: 'restyle', elements: this.selection.ids, ...change });
    },
};
