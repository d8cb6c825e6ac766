using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.State;

/// <summary>Arranging what was placed: resizing an element, adding several at once (duplicate, paste), and the drawing order.</summary>
public sealed partial class BoardState
{
    private ApplyOutcome Resize(ParticipantHistory history, ResizeElement resize)
    {
        if (Editable([resize.Element]) is not [var element])
        {
            return ApplyOutcome.Reject("This element is not on the board to resize.");
        }

        var from = HitTest.BoundsOf(element);
        if (!(from.Width > 0 && from.Height > 0))
        {
            return ApplyOutcome.Reject("This element has no width or height to scale.");
        }

        // The resized element is read back under the rules of drawing one: each type scales its own way (a text's
        // size may grow past what the board takes), and the board's rules are said once.
        var resized = ElementReader.Read(ElementRecord.Of(element.ResizedTo(from, resize.To), withAuthor: true), creditedTo: null);
        if (!resized.IsValid)
        {
            return ApplyOutcome.Reject($"The element cannot take that size. {resized.Error}");
        }

        Replace(resized.Value!);
        history.Did(new Resized(element, resized.Value!));
        return ApplyOutcome.Changed(new ElementsDrawn([resized.Value!]));
    }

    private ApplyOutcome AddAll(ParticipantId author, ParticipantHistory history, AddElements add)
    {
        if (add.Elements.FirstOrDefault(element => authorsOfEveryId.ContainsKey(element.Id)) is { } taken)
        {
            return ApplyOutcome.Reject($"Element {taken.Id} is, or was, on the board already: an id is never used twice.");
        }

        if (elements.Count + add.Elements.Count > BoardLimits.MaxElementsPerBoard)
        {
            return ApplyOutcome.Reject($"This board is full: it holds at most {BoardLimits.MaxElementsPerBoard:N0} elements. Erase something, or start a new board.");
        }

        var added = add.Elements.Select(element => element with { Author = author }).ToList();
        if (RefuseGrowth(BoardSize.Of(added)) is { } full)
        {
            return full;
        }

        foreach (var element in added)
        {
            Add(element);
        }

        history.Did(new Appeared(added));
        return ApplyOutcome.Changed(new ElementsDrawn(added));
    }

    private ApplyOutcome Restack(ParticipantHistory history, RestackElements restack)
    {
        var moving = Editable(restack.Elements);
        if (moving.Count == 0)
        {
            return ApplyOutcome.Reject($"None of these elements are on the board to {(restack.ToFront ? "bring to the front" : "send to the back")}.");
        }

        // Already at the front (or the back) in their own order: nothing moves, and there is nothing to undo.
        var atThatEnd = restack.ToFront ? drawingOrder.TakeLast(moving.Count) : drawingOrder.Take(moving.Count);
        if (atThatEnd.SequenceEqual(drawingOrder.Where(moving.Select(element => element.Id).ToHashSet().Contains)))
        {
            return ApplyOutcome.Unchanged;
        }

        var (step, change) = StackAtEnd(moving.Select(element => element.Id), restack.ToFront);
        history.Did(step);
        return ApplyOutcome.Changed(change);
    }

    /// <summary>Undoes or redoes a resize or a restack, on the board as it is now (see <see cref="Perform"/>).</summary>
    private (HistoryStep Step, BoardChange Change) PerformArranging(HistoryStep step, bool undoing)
    {
        switch (step)
        {
            case Resized resized:
                var version = undoing ? resized.Before : resized.After;
                if (!elements.ContainsKey(version.Id))
                {
                    return (resized, new ElementsDrawn([]));
                }

                Replace(version);
                return (resized, new ElementsDrawn([version]));
            case Restacked restacked when undoing:
                return PutBack(restacked);
            case Restacked restacked:
                return StackAtEnd(restacked.Elements, restacked.ToFront);
            default:
                throw new InvalidOperationException($"Unknown history step {step.GetType().Name}.");
        }
    }

    /// <summary>Puts a new version of an element where the old one is in the drawing order.</summary>
    private void Replace(BoardElement version)
    {
        size += BoardSize.Of(version) - BoardSize.Of(elements[version.Id]);
        elements[version.Id] = version;
    }

    /// <summary>Moves those of the elements on the board to the front or the back, keeping their own order.</summary>
    private (Restacked Step, ElementsRestacked Change) StackAtEnd(IEnumerable<ElementId> ids, bool toFront)
    {
        var moving = ids.Where(elements.ContainsKey).ToHashSet();
        var inOrder = new List<ElementId>(moving.Count);
        var formerPlaces = new List<int>(moving.Count);
        for (var i = 0; i < drawingOrder.Count; i++)
        {
            if (moving.Contains(drawingOrder[i]))
            {
                inOrder.Add(drawingOrder[i]);
                formerPlaces.Add(i);
            }
        }

        drawingOrder.RemoveAll(moving.Contains);
        drawingOrder.InsertRange(toFront ? drawingOrder.Count : 0, inOrder);
        return (new Restacked(inOrder, toFront, formerPlaces), new ElementsRestacked(StackOrder.PlacesOf(drawingOrder, moving)));
    }

    /// <summary>Puts those of a restack's elements still on the board back at their former places (or as near as the board now allows).</summary>
    private (HistoryStep Step, BoardChange Change) PutBack(Restacked restacked)
    {
        var present = restacked.Elements.Zip(restacked.FormerPlaces).Where(pair => elements.ContainsKey(pair.First)).ToList();
        var moving = present.Select(pair => pair.First).ToHashSet();
        drawingOrder.RemoveAll(moving.Contains);
        foreach (var (id, place) in present)
        {
            drawingOrder.Insert(Math.Min(place, drawingOrder.Count), id);
        }

        var step = restacked with { Elements = [.. present.Select(pair => pair.First)], FormerPlaces = [.. present.Select(pair => pair.Second)] };
        return (step, new ElementsRestacked(StackOrder.PlacesOf(drawingOrder, moving)));
    }

    private static StepRecord CaptureArranging(HistoryStep step) => step switch
    {
        Resized resized => new("resized", [ElementRecord.Of(resized.Before, withAuthor: true), ElementRecord.Of(resized.After, withAuthor: true)]),
        Restacked restacked => new(restacked.ToFront ? "raised" : "lowered", Ids: [.. restacked.Elements.Select(id => id.Value)],
            Places: [.. restacked.FormerPlaces]),
        _ => throw new InvalidOperationException($"Not a step of arranging: {step.GetType().Name}."),
    };

    /// <summary>A resize's or a restack's step read back; null for a record of another kind.</summary>
    private static Validated<HistoryStep>? RestoreArranging(StepRecord? record)
    {
        switch (record?.Kind)
        {
            case "resized":
                if (record.Elements is not [var beforeRecord, var afterRecord])
                {
                    return Validated<HistoryStep>.Reject("A resize's versions are missing.");
                }

                var (before, after) = (ElementReader.Read(beforeRecord, creditedTo: null), ElementReader.Read(afterRecord, creditedTo: null));
                return before.IsValid && after.IsValid && before.Value!.Id == after.Value!.Id
                    ? Validated<HistoryStep>.Ok(new Resized(before.Value, after.Value))
                    : Validated<HistoryStep>.Reject($"A resize's versions are damaged. {before.Error ?? after.Error}");
            case "raised" or "lowered":
                var ids = new List<ElementId>();
                foreach (var text in record.Ids ?? [])
                {
                    if (!ElementId.TryParse(text, out var id))
                    {
                        return Validated<HistoryStep>.Reject("A restacked element's id is damaged.");
                    }

                    ids.Add(id);
                }

                return record.Places is { } places && places.Length == ids.Count && places.All(place => place >= 0)
                    ? Validated<HistoryStep>.Ok(new Restacked(ids, record.Kind == "raised", places))
                    : Validated<HistoryStep>.Reject("A restack's former places are damaged.");
            default:
                return null;
        }
    }
}
