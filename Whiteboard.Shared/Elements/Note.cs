using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;

namespace Whiteboard.Shared.Elements;

/// <summary>
/// A sticky note: a square of <see cref="Paper"/> color, <see cref="Size"/> board units a side, whose top-left
/// corner is <see cref="At"/>, with <see cref="Content"/> wrapped inside it (see <see cref="Geometry.NoteLayout"/>),
/// drawn at <see cref="Opacity"/> (its only part of a style: its paper is its color).
/// </summary>
public sealed record Note(ElementId Id, ParticipantId Author, string Paper, BoardPoint At, float Size, string Content, float Opacity = 1)
    : BoardElement(Id, Author)
{
    public override bool IsFinished => true;

    public override BoardElement MovedBy(float dx, float dy) => this with { At = At.MovedBy(dx, dy) };

    /// <summary>
    /// A note stays square: its side follows the box's width (its height is the text's, see <see cref="NoteLayout.BoundsOf"/>),
    /// its corner the box's; its text wraps anew.
    /// </summary>
    public override BoardElement ResizedTo(Bounds from, Bounds to) =>
        this with { At = BoxScaling.Map(At, from, to), Size = Size * to.Width / from.Width };
}
