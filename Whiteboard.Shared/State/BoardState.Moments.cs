using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.State;

/// <summary>
/// Restoring a moment of the board's history: its finished elements are replaced by that moment's, as one step of its
/// author's undo history. Ink being drawn stays: it is someone's work in progress, not part of the past.
/// </summary>
public sealed partial class BoardState
{
    private ApplyOutcome Restore(ParticipantHistory history, RestoreMoment restore)
    {
        if (restore.Moment is not { } moment)
        {
            return ApplyOutcome.Reject("A restore reaches the board through its writer, which reads the moment from the board's history.");
        }

        var before = drawingOrder.Select(id => elements[id]).Where(element => element.IsFinished).ToList();
        var after = moment.Where(element => !elements.TryGetValue(element.Id, out var now) || now.IsFinished).ToList();
        if (before.SequenceEqual(after))
        {
            return ApplyOutcome.Reject("The board already looks as it did at that moment.");
        }

        if (RefuseReplacing(before, after) is { } full)
        {
            return full;
        }

        var change = Replace(before, after);
        history.Did(new Replaced(before, after));
        return ApplyOutcome.Changed(change);
    }

    /// <summary>Null when the board has room for <paramref name="to"/> in place of <paramref name="from"/>; otherwise why not.</summary>
    private ApplyOutcome? RefuseReplacing(IReadOnlyList<BoardElement> from, IReadOnlyList<BoardElement> to)
    {
        var leaving = from.Where(element => elements.ContainsKey(element.Id)).Select(element => elements[element.Id]).ToList();
        var leavingIds = leaving.Select(element => element.Id).ToHashSet();
        var coming = to.Where(element => !elements.ContainsKey(element.Id) || leavingIds.Contains(element.Id)).ToList();
        var count = elements.Count - leaving.Count + coming.Count;
        if (count > BoardLimits.MaxElementsPerBoard)
        {
            return ApplyOutcome.Reject(
                $"That moment cannot be restored: this board holds at most {BoardLimits.MaxElementsPerBoard:N0} elements, and it would hold {count:N0}.");
        }

        var grown = size - BoardSize.Of(leaving) + BoardSize.Of(coming);
        return grown.LimitExceeded is { } limit ? ApplyOutcome.Reject($"That moment cannot be restored: {limit}.") : null;
    }

    /// <summary>Erases those of <paramref name="from"/> still on the board, then puts those of <paramref name="to"/> not on it on top, in order.</summary>
    private BoardRestored Replace(IReadOnlyList<BoardElement> from, IReadOnlyList<BoardElement> to)
    {
        var erased = RemovePresent([.. from.Select(element => element.Id)]);
        var drawn = RestoreAbsent(to);
        return new BoardRestored([.. erased.Select(element => element.Id)], drawn);
    }
}
