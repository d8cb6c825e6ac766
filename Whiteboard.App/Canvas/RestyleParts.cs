using Whiteboard.Shared.Elements;

namespace Whiteboard.App.Canvas;

/// <summary>A restyle's parts as the page puts them in its "restyle" message: only those that change, a line style by its name.</summary>
public static class RestyleParts
{
    public static IReadOnlyDictionary<string, object> Of(StyleChange change)
    {
        var parts = new Dictionary<string, object>();
        if (change.Color is { } color)
        {
            parts["color"] = color;
        }

        if (change.Width is { } width)
        {
            parts["width"] = width;
        }

        if (change.Fill is { } fill)
        {
            parts["fill"] = fill;
        }

        if (change.Line is { } line)
        {
            parts["line"] = LineStyles.NameOf(line);
        }

        if (change.Opacity is { } opacity)
        {
            parts["opacity"] = opacity;
        }

        return parts;
    }
}
