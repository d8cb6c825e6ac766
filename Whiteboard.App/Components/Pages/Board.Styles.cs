using Whiteboard.App.Canvas;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Components.Pages;

/// <summary>
/// The board page's styles: the fill, line style and opacity of what is drawn next, and the style of what the select
/// tool holds, which the toolbar shows instead while there is a selection. A change in the toolbar is the style of
/// what is drawn next and, with a selection, restyles it (one edit, one undo step).
/// </summary>
public partial class Board
{
    private string fill = StyleChange.NoFill;
    private string line = LineStyles.NameOf(LineStyle.Solid);
    private float opacity = 1;
    private SelectionStyle? selected;

    private string? ShownFill => selected is { } style ? style.Fill : fill;

    private string? ShownLine => selected is { } style ? style.Line : line;

    private float ShownOpacity => selected?.Opacity ?? opacity;

    private async Task ChooseFillAsync(string? value)
    {
        var chosen = StyleParts.ParseFill(value);
        if (chosen is { IsValid: true, Value: { } valid })
        {
            fill = valid;
            await RestyleSelectionAsync(new StyleChange(Fill: valid));
        }
    }

    private async Task ChooseLineAsync(string? value)
    {
        if (StyleParts.ParseLine(value) is { IsValid: true, Value: { } chosen })
        {
            line = value!;
            await RestyleSelectionAsync(new StyleChange(Line: chosen));
        }
    }

    private async Task ChooseOpacityAsync(float value)
    {
        if (StyleParts.ParseOpacity(value) is { IsValid: true, Value: { } chosen })
        {
            opacity = chosen;
            await RestyleSelectionAsync(new StyleChange(Opacity: chosen));
        }
    }

    /// <summary>Restyles the selection, if there is one, and shows its new style before the board's answer comes back.</summary>
    private async Task RestyleSelectionAsync(StyleChange change)
    {
        if (selected is null || canvas is null)
        {
            return;
        }

        selected = selected.With(change);
        await canvas.RestyleSelectionAsync(change);
    }
}
