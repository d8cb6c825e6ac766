using Whiteboard.Shared.Elements;

namespace Whiteboard.Shared.Geometry;

/// <summary>
/// How a sticky note looks: its papers, its text's color, size and margins, and how its text wraps. The one rule for
/// the renderer (so the canvas, the SVG and the PNG), hit-testing, and the browser's note editor
/// (wwwroot/board/shared-numbers.js, <c>note</c> and <c>notePapers</c>).
/// </summary>
public static class NoteLayout
{
    /// <summary>A note's side when the note tool places one.</summary>
    public const float DefaultSize = 200;

    /// <summary>The margin between the paper's edge and the text, as a share of the side.</summary>
    public const float PaddingPerSize = 0.08f;

    /// <summary>The text's font size, as a share of the side: 16 units on a default note.</summary>
    public const float FontPerSize = 0.08f;

    /// <summary>
    /// A glyph's advance as a multiple of the font size, for wrapping: the server cannot measure the browser's font,
    /// and few lines of real text are wider than this.
    /// </summary>
    public const float WrapAdvance = 0.6f;

    /// <summary>
    /// The text's color on every paper, in both themes: dark on pale paper, and a color the dark theme does not draw
    /// light (it maps only the default ink and black, see theme.js), so a note reads the same on a dark board.
    /// </summary>
    public const string Ink = "#212529";

    /// <summary>
    /// The papers, by the ink color chosen in the toolbar's palette (BoardToolbar.Palette) when a note is placed: pale
    /// twins of each ink, on which <see cref="Ink"/> reads well. A note's paper is one of these.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> PaperForInk = new Dictionary<string, string>
    {
        ["#1e1e1e"] = "#ffec99",
        ["#e03131"] = "#ffc9c9",
        ["#2f9e44"] = "#b2f2bb",
        ["#1971c2"] = "#a5d8ff",
        ["#f08c00"] = "#ffd8a8",
        ["#9c36b5"] = "#eebefa",
        ["#0c8599"] = "#99e9f2",
        ["#ffffff"] = "#e9ecef",
    };

    public static bool IsPaper(string color) => PaperForInk.Values.Contains(color);

    public static float Padding(float size) => size * PaddingPerSize;

    public static float FontSize(float size) => size * FontPerSize;

    /// <summary>The lines a note's text is drawn in: its own lines, each wrapped by words to the paper's width.</summary>
    public static IReadOnlyList<string> Lines(Note note)
    {
        var width = Math.Max(1, (int)((note.Size - 2 * Padding(note.Size)) / (FontSize(note.Size) * WrapAdvance)));
        var lines = new List<string>();
        foreach (var paragraph in TextLayout.Lines(note.Content))
        {
            Wrap(paragraph, width, lines);
        }

        return lines;
    }

    /// <summary>The paper's box: the square, longer when the text needs more lines than fit in it.</summary>
    public static Bounds BoundsOf(Note note)
    {
        var height = 2 * Padding(note.Size) + Lines(note).Count * FontSize(note.Size) * TextLayout.LineSpacing;
        return new Bounds(note.At.X, note.At.Y, note.At.X + note.Size, note.At.Y + MathF.Max(note.Size, height));
    }

    /// <summary>Greedy word wrap to <paramref name="width"/> characters; a word longer than a line is cut.</summary>
    private static void Wrap(string paragraph, int width, List<string> lines)
    {
        var line = "";
        foreach (var word in paragraph.Split(' '))
        {
            var rest = word;
            if (line.Length > 0 && line.Length + 1 + rest.Length <= width)
            {
                line += " " + rest;
                continue;
            }

            if (line.Length > 0)
            {
                lines.Add(line);
            }

            while (rest.Length > width)
            {
                // Never between the two halves of a surrogate pair: a lone half would break the SVG export.
                var cut = char.IsHighSurrogate(rest[width - 1]) && width > 1 ? width - 1 : width;
                lines.Add(rest[..cut]);
                rest = rest[cut..];
            }

            line = rest;
        }

        lines.Add(line);
    }
}
