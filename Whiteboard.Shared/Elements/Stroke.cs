using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;

namespace Whiteboard.Shared.Elements;

/// <summary>
/// A freehand stroke. <see cref="Points"/> is an immutable view: the board only ever appends
/// past its end, so a view handed to other threads never changes under them.
/// </summary>
public sealed record Stroke(
    ElementId Id,
    ParticipantId Author,
    StrokeStyle Style,
    ReadOnlyMemory<StrokePoint> Points,
    bool Finished) : BoardElement(Id, Author)
{
    public override bool IsFinished => Finished;

    public override BoardElement MovedBy(float dx, float dy)
    {
        var moved = new StrokePoint[Points.Length];
        var points = Points.Span;
        for (var i = 0; i < moved.Length; i++)
        {
            moved[i] = points[i] with { X = points[i].X + dx, Y = points[i].Y + dy };
        }

        return this with { Points = moved };
    }

    /// <summary>Every point follows the box; the line width and the pressures stay, as a pen's would.</summary>
    public override BoardElement ResizedTo(Bounds from, Bounds to)
    {
        var resized = new StrokePoint[Points.Length];
        var points = Points.Span;
        for (var i = 0; i < resized.Length; i++)
        {
            resized[i] = points[i] with { X = BoxScaling.MapX(points[i].X, from, to), Y = BoxScaling.MapY(points[i].Y, from, to) };
        }

        return this with { Points = resized };
    }
}
