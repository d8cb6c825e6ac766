using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;

namespace Whiteboard.Shared.Elements;

/// <summary>
/// An image placed on the board: the board's stored image named by <see cref="Hash"/> (see <see cref="ImageHash"/>),
/// stretched over the box from its top-left corner <see cref="From"/> to its bottom-right corner <see cref="To"/>.
/// </summary>
public sealed record Image(ElementId Id, ParticipantId Author, string Hash, BoardPoint From, BoardPoint To) : BoardElement(Id, Author)
{
    public override bool IsFinished => true;

    public override BoardElement MovedBy(float dx, float dy) => this with { From = From.MovedBy(dx, dy), To = To.MovedBy(dx, dy) };

    // Any box: the page keeps the image's aspect ratio while a handle is dragged, unless Shift frees it.
    public override BoardElement ResizedTo(Bounds from, Bounds to) =>
        this with { From = BoxScaling.Map(From, from, to), To = BoxScaling.Map(To, from, to) };
}
