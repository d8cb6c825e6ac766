using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.State;

/// <summary>Restyling elements on the board, undoing and redoing it, and its steps in a snapshot.</summary>
public sealed partial class BoardState
{
    private ApplyOutcome Restyle(ParticipantHistory history, RestyleElements restyle)
    {
        var restyling = Editable(restyle.Elements);
        if (restyling.Count == 0)
        {
            return ApplyOutcome.Reject("None of these elements are on the board to restyle.");
        }

        var swaps = new List<StyleSwap>();
        foreach (var element in restyling)
        {
            if (ElementStyles.StyleOf(element) is { } before && restyle.Change.ApplyTo(element, before) is var after && after != before)
            {
                swaps.Add(new StyleSwap(element.Id, before, after));
            }
        }

        // Elements already in that style, or none of them taking what changes: there is nothing to undo.
        if (swaps.Count == 0)
        {
            return ApplyOutcome.Unchanged;
        }

        var restyled = SetStyles(swaps, undoing: false);
        history.Did(new Restyled(swaps));
        return ApplyOutcome.Changed(new ElementsDrawn(restyled));
    }

    /// <summary>Undoes or redoes a restyle on those of its elements still on the board.</summary>
    private (HistoryStep Step, BoardChange Change) PerformRestyle(Restyled step, bool undoing)
    {
        var present = step.Elements.Where(swap => elements.ContainsKey(swap.Id)).ToList();
        return (new Restyled(present), new ElementsDrawn(SetStyles(present, undoing)));
    }

    private List<BoardElement> SetStyles(IReadOnlyList<StyleSwap> swaps, bool undoing)
    {
        var restyled = new List<BoardElement>(swaps.Count);
        foreach (var swap in swaps)
        {
            var (from, to) = undoing ? (swap.After, swap.Before) : (swap.Before, swap.After);
            var element = ElementStyles.WithStyle(elements[swap.Id], Changed(ElementStyles.StyleOf(elements[swap.Id])!, from, to));
            elements[swap.Id] = element;
            restyled.Add(element);
        }

        return restyled;
    }

    /// <summary>
    /// The current style with only the parts the restyle changed (from <paramref name="from"/> to <paramref name="to"/>)
    /// set: a part someone else changed since (a resize's width, another restyle's color) stays theirs.
    /// </summary>
    private static StrokeStyle Changed(StrokeStyle current, StrokeStyle from, StrokeStyle to) => current with
    {
        Color = from.Color != to.Color ? to.Color : current.Color,
        Width = from.Width != to.Width ? to.Width : current.Width,
        Fill = from.Fill != to.Fill ? to.Fill : current.Fill,
        Line = from.Line != to.Line ? to.Line : current.Line,
        Opacity = from.Opacity != to.Opacity ? to.Opacity : current.Opacity,
    };

    private static Validated<HistoryStep> RestoreRestyled(StepRecord record)
    {
        var swaps = new List<StyleSwap>();
        foreach (var restyle in record.Restyles ?? [])
        {
            var swap = restyle?.Read() ?? Validated<StyleSwap>.Reject("A restyled element is missing.");
            if (!swap.IsValid)
            {
                return Validated<HistoryStep>.Reject(swap.Error!);
            }

            swaps.Add(swap.Value!);
        }

        return Validated<HistoryStep>.Ok(new Restyled(swaps));
    }
}
