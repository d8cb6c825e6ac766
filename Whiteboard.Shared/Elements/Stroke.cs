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
}
