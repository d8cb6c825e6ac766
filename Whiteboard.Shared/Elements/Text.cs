using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;

namespace Whiteboard.Shared.Elements;

/// <summary>
/// Text whose first line's top-left corner is <see cref="At"/>. Lines are separated by '\n'; the
/// font size follows the style's width (see <see cref="Geometry.TextLayout"/>).
/// </summary>
public sealed record Text(ElementId Id, ParticipantId Author, StrokeStyle Style, BoardPoint At, string Content)
    : BoardElement(Id, Author)
{
    public override bool IsFinished => true;

    public override BoardElement MovedBy(float dx, float dy) => this with { At = At.MovedBy(dx, dy) };

    /// <summary>
    /// The corner follows the box and the font size scales with it, alike in both directions so the letters keep
    /// their shape; the size is the width setting's (<see cref="TextLayout.FontSize"/>), so that setting scales.
    /// </summary>
    public override BoardElement ResizedTo(Bounds from, Bounds to) => this with
    {
        At = BoxScaling.Map(At, from, to),
        Style = Style with { Width = TextLayout.FontSize(Style.Width) * BoxScaling.Uniform(from, to) / TextLayout.WidthToFontSize },
    };
}
