// The board's theme, as a mapping of how colors are drawn: on a dark board the default ink (and black) is
// drawn light, so a drawing stays readable in both themes. Stored colors never change, and an export is
// drawn with the identity mapping: in light mode's colors, whatever the theme.
import { defaultInk } from './shared-numbers.js';

const lightInk = '#e9ecef';
const darkInks = new Set([defaultInk, '#000000']);

export const asStored = color => color;

const onDark = color => darkInks.has(color.toLowerCase()) ? lightInk : color;

// How each stored color is drawn in the theme.
export function inkFor(dark) {
    return dark ? onDark : asStored;
}
