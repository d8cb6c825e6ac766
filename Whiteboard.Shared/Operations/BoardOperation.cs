using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;

namespace Whiteboard.Shared.Operations;

/// <summary>What a participant asks the board to do. Built only from validated input.</summary>
public abstract record BoardOperation(ElementId Element);

/// <summary>Starts a stroke with its first points. Sent again after a retry, it is recognised and ignored.</summary>
public sealed record BeginStroke(ElementId Element, StrokeStyle Style, IReadOnlyList<StrokePoint> Points)
    : BoardOperation(Element);

/// <summary>
/// Adds points to a stroke, saying where they start. A retried extension overlaps what the board
/// already has; only the points past the stroke's end are added, so extending is idempotent.
/// </summary>
public sealed record ExtendStroke(ElementId Element, int FromIndex, IReadOnlyList<StrokePoint> Points)
    : BoardOperation(Element);

/// <summary>The pen is lifted: the stroke is complete.</summary>
public sealed record EndStroke(ElementId Element) : BoardOperation(Element);
