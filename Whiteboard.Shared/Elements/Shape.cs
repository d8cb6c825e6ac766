using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;

namespace Whiteboard.Shared.Elements;

/// <summary>
/// A line, arrow, rectangle or ellipse dragged out from <see cref="From"/> to <see cref="To"/>
/// (for a rectangle or ellipse, two opposite corners of its box; for an arrow, tail to head).
/// </summary>
public sealed record Shape(
    ElementId Id,
    ParticipantId Author,
    ShapeKind Kind,
    StrokeStyle Style,
    BoardPoint From,
    BoardPoint To,
    bool Finished) : BoardElement(Id, Author)
{
    public override bool IsFinished => Finished;

    public override BoardElement MovedBy(float dx, float dy) => this with { From = From.MovedBy(dx, dy), To = To.MovedBy(dx, dy) };

    /// <summary>Both ends follow the box; the line width stays.</summary>
    public override BoardElement ResizedTo(Bounds from, Bounds to) =>
        this with { From = BoxScaling.Map(From, from, to), To = BoxScaling.Map(To, from, to) };
}
