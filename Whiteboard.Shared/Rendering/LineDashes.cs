using Whiteboard.Shared.Elements;

namespace Whiteboard.Shared.Rendering;

/// <summary>
/// A line style's dash pattern: a dash and a gap, each a multiple of the line's width, so that a thick line's
/// dashes are as long for its width as a thin one's. Lines have round caps, which reach half the width past
/// each end of a dash: a dotted line is dashes of length 0 (round dots as wide as the line). The wet ink in
/// the page draws with the same numbers (<c>lineDash</c> in wwwroot/board/shared-numbers.js).
/// </summary>
public static class LineDashes
{
    public const float DashedDash = 3, DashedGap = 3;
    public const float DottedDash = 0, DottedGap = 2.5f;

    /// <summary>The dash and the gap of a line of this style and width; (0, 0) for a solid line.</summary>
    public static (float Dash, float Gap) Of(LineStyle line, float width) => line switch
    {
        LineStyle.Dashed => (DashedDash * width, DashedGap * width),
        LineStyle.Dotted => (DottedDash * width, DottedGap * width),
        _ => (0, 0),
    };
}
