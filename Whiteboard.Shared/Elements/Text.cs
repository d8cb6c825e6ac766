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
}
