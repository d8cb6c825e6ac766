using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Canvas;

/// <summary>
/// The style of what the select tool holds, as the toolbar shows it: each part the selected elements share, or null
/// when they differ (or none of them takes it: a fill, for a selection of lines). <see cref="Fill"/> is a color or
/// "none"; <see cref="Line"/> a line style's name; <see cref="Opacity"/> the first element's when they differ.
/// <see cref="TakesFill"/> and <see cref="TakesLine"/> say whether any of them takes a fill, a line style.
/// </summary>
public sealed record SelectionStyle(string? Color, string? Fill, string? Line, float Opacity, bool TakesFill, bool TakesLine)
{
    /// <summary>The style of those of the named elements on the board as this person was shown it; null when there are none.</summary>
    public static SelectionStyle? Of(BoardMirror mirror, string?[]? ids)
    {
        var styled = mirror.ElementsOf(ElementId.OfSelection(ids))
            .Select(element => (Element: element, Style: ElementStyles.StyleOf(element)!))
            .Where(pair => pair.Style is not null)
            .ToList();
        if (styled.Count == 0)
        {
            return null;
        }

        return new SelectionStyle(
            Shared(styled.Where(pair => ElementStyles.TakesInk(pair.Element)).Select(pair => pair.Style.Color)),
            Shared(styled.Where(pair => ElementStyles.TakesFill(pair.Element)).Select(pair => pair.Style.Fill ?? StyleChange.NoFill)),
            Shared(styled.Where(pair => ElementStyles.TakesLineStyle(pair.Element)).Select(pair => LineStyles.NameOf(pair.Style.Line))),
            styled[0].Style.Opacity,
            styled.Any(pair => ElementStyles.TakesFill(pair.Element)),
            styled.Any(pair => ElementStyles.TakesLineStyle(pair.Element)));
    }

    /// <summary>This style with a change the toolbar asked for, shown before the board's answer comes back.</summary>
    public SelectionStyle With(StyleChange change) => this with
    {
        Color = change.Color ?? Color,
        Fill = change.Fill is not null && TakesFill ? change.Fill : Fill,
        Line = change.Line is { } line && TakesLine ? LineStyles.NameOf(line) : Line,
        Opacity = change.Opacity ?? Opacity,
    };

    private static string? Shared(IEnumerable<string> values)
    {
        var distinct = values.Distinct().Take(2).ToList();
        return distinct.Count == 1 ? distinct[0] : null;
    }
}
