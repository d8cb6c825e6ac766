using Whiteboard.Shared.Elements;

namespace Whiteboard.Shared.Geometry;

/// <summary>How text is laid out: the one rule for the renderer, hit-testing and the browser's text editor.</summary>
public static class TextLayout
{
    /// <summary>The line height, as a multiple of the font size.</summary>
    public const float LineSpacing = 1.25f;

    /// <summary>The font board text is drawn in: the browser's canvas and text editor, and the SVG export.</summary>
    public const string FontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

    /// <summary>An average glyph's advance, as a multiple of the font size (for bounds; the browser measures exactly).</summary>
    private const float AverageAdvance = 0.6f;

    /// <summary>The font size follows the width setting: the default width 4 writes 16-unit text.</summary>
    public static float FontSize(float width) => MathF.Max(12, width * WidthToFontSize);

    /// <summary>The font size per unit of the width setting, above the smallest size.</summary>
    public const float WidthToFontSize = 4;

    public static string[] Lines(string content) => content.Split('\n');

    public static Bounds BoundsOf(Text text)
    {
        var size = FontSize(text.Style.Width);
        var lines = Lines(text.Content);
        var longest = lines.Max(line => line.Length);
        return new Bounds(text.At.X, text.At.Y, text.At.X + longest * size * AverageAdvance, text.At.Y + lines.Length * size * LineSpacing);
    }
}
