using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.State;

/// <summary>
/// The content of one board. Applies operations one at a time and says what changed; the same
/// operations in the same order always give the same board. Not thread-safe: its room is its only writer.
/// </summary>
public sealed class BoardState
{
    private readonly Dictionary<ElementId, StrokeEntry> strokes = [];
    private readonly List<StrokeEntry> drawingOrder = [];

    public ApplyOutcome Apply(ParticipantId author, BoardOperation operation) => operation switch
    {
        BeginStroke begin => Begin(author, begin),
        ExtendStroke extend => Extend(author, extend),
        EndStroke end => End(author, end),
        _ => ApplyOutcome.Reject("This operation is not known to the board."),
    };

    /// <summary>Every element as it is now, in drawing order; later changes do not alter what is returned.</summary>
    public IReadOnlyList<BoardElement> Elements() => drawingOrder.Select(entry => (BoardElement)entry.ToStroke()).ToList();

    /// <summary>The strokes this participant began and has not finished, in drawing order.</summary>
    public IReadOnlyList<ElementId> OpenStrokesBy(ParticipantId author) =>
        drawingOrder.Where(entry => entry.Author == author && !entry.IsFinished).Select(entry => entry.Id).ToList();

    private ApplyOutcome Begin(ParticipantId author, BeginStroke begin)
    {
        if (strokes.TryGetValue(begin.Element, out var existing))
        {
            return existing.Author == author
                ? ApplyOutcome.Unchanged
                : ApplyOutcome.Reject("Another element already has this id.");
        }

        if (drawingOrder.Count >= BoardLimits.MaxElementsPerBoard)
        {
            return ApplyOutcome.Reject($"The board is full: it holds {BoardLimits.MaxElementsPerBoard} elements.");
        }

        if (begin.Points.Count > BoardLimits.MaxPointsPerStroke)
        {
            return TooManyPoints();
        }

        var entry = new StrokeEntry(begin.Element, author, begin.Style, begin.Points.Count);
        entry.Points.Append(begin.Points, 0);
        strokes.Add(begin.Element, entry);
        drawingOrder.Add(entry);
        return ApplyOutcome.Changed(new StrokeStarted(entry.ToStroke()));
    }

    private ApplyOutcome Extend(ParticipantId author, ExtendStroke extend)
    {
        if (!TryGetOwnOpenStroke(author, extend.Element, out var entry, out var rejection))
        {
            return rejection;
        }

        var count = entry.Points.Count;
        if (extend.FromIndex > count)
        {
            return ApplyOutcome.Reject($"Points {count} to {extend.FromIndex - 1} of this stroke never arrived.");
        }

        var alreadyHeld = count - extend.FromIndex;
        if (alreadyHeld >= extend.Points.Count)
        {
            return ApplyOutcome.Unchanged;
        }

        if (extend.FromIndex + extend.Points.Count > BoardLimits.MaxPointsPerStroke)
        {
            return TooManyPoints();
        }

        entry.Points.Append(extend.Points, alreadyHeld);
        return ApplyOutcome.Changed(new StrokeExtended(entry.ToStroke(), count));
    }

    private ApplyOutcome End(ParticipantId author, EndStroke end)
    {
        if (strokes.TryGetValue(end.Element, out var finished) && finished.Author == author && finished.IsFinished)
        {
            return ApplyOutcome.Unchanged;
        }

        if (!TryGetOwnOpenStroke(author, end.Element, out var entry, out var rejection))
        {
            return rejection;
        }

        entry.IsFinished = true;
        return ApplyOutcome.Changed(new StrokeFinished(entry.ToStroke()));
    }

    private bool TryGetOwnOpenStroke(ParticipantId author, ElementId id, out StrokeEntry entry, out ApplyOutcome rejection)
    {
        rejection = default;
        if (!strokes.TryGetValue(id, out entry!))
        {
            rejection = ApplyOutcome.Reject("There is no stroke with this id on the board.");
            return false;
        }

        if (entry.Author != author)
        {
            rejection = ApplyOutcome.Reject("Only the person drawing a stroke can continue it.");
            return false;
        }

        if (entry.IsFinished)
        {
            rejection = ApplyOutcome.Reject("This stroke is already finished.");
            return false;
        }

        return true;
    }

    private static ApplyOutcome TooManyPoints() =>
        ApplyOutcome.Reject($"A stroke may have at most {BoardLimits.MaxPointsPerStroke} points.");

    private sealed class StrokeEntry(ElementId id, ParticipantId author, StrokeStyle style, int capacity)
    {
        public ElementId Id { get; } = id;
        public ParticipantId Author { get; } = author;
        public StrokeStyle Style { get; } = style;
        public PointBuffer Points { get; } = new(capacity);
        public bool IsFinished { get; set; }

        public Stroke ToStroke() => new(Id, Author, Style, Points.View, IsFinished);
    }
}
