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
    bool IsFinished) : BoardElement(Id, Author);
