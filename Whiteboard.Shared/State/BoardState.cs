using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.State;

/// <summary>
/// The content of one board, and each participant's undo history. Applies operations one at a
/// time and says what changed; the same operations in the same order always give the same board.
/// Not thread-safe: its room is its only writer.
/// </summary>
public sealed partial class BoardState
{
    private readonly Dictionary<ElementId, BoardElement> elements = [];
    private readonly List<ElementId> drawingOrder = [];
    private readonly Dictionary<ElementId, PointBuffer> openStrokes = [];
    private readonly Dictionary<ElementId, ParticipantId> authorsOfEveryId = [];
    private readonly Dictionary<ParticipantId, ParticipantHistory> histories = [];
    private readonly List<ChatMessage> chat = [];
    private BoardSize size;

    public ApplyOutcome Apply(ParticipantId author, BoardOperation operation) => operation switch
    {
        BeginStroke begin => Begin(author, begin),
        ExtendStroke extend => Extend(author, extend),
        FinishElement finish => Finish(author, finish),
        DrawShape shape => Draw(author, shape),
        PlaceText text => Place(author, text),
        PlaceNote note => Place(author, note),
        PlaceImage image => Place(author, image),
        EditOperation edit => Edit(author, edit),
        _ => ApplyOutcome.Reject("This operation is not known to the board."),
    };

    /// <summary>What the elements on the board weigh against its limits now.</summary>
    public BoardSize Size => size;

    /// <summary>Every element as it is now, in drawing order; later changes do not alter what is returned.</summary>
    public IReadOnlyList<BoardElement> Elements() => drawingOrder.Select(id => elements[id]).ToList();

    /// <summary>The chat's latest <paramref name="count"/> messages, oldest first.</summary>
    public IReadOnlyList<ChatMessage> LatestChat(int count) => chat[Math.Max(0, chat.Count - count)..];

    /// <summary>The chat's <paramref name="count"/> messages before message number <paramref name="before"/>, oldest first.</summary>
    public IReadOnlyList<ChatMessage> ChatBefore(long before, int count)
    {
        // Messages are numbered 1, 2, 3... in the list's order: number n is at index n - 1.
        var end = (int)Math.Clamp(before - 1, 0, chat.Count);
        return chat[Math.Max(0, end - count)..end];
    }

    /// <summary>The elements begun and not finished, in drawing order.</summary>
    public IReadOnlyList<BoardElement> OpenElements() =>
        drawingOrder.Select(id => elements[id]).Where(element => !element.IsFinished).ToList();

    private ApplyOutcome Begin(ParticipantId author, BeginStroke begin)
    {
        if (CheckNewId(author, begin.Element) is { } seenBefore)
        {
            return seenBefore;
        }

        if (begin.Points.Count > BoardLimits.MaxPointsPerStroke)
        {
            return TooManyPoints();
        }

        var points = new PointBuffer(begin.Points.Count);
        points.Append(begin.Points, 0);
        var stroke = new Stroke(begin.Element, author, begin.Style, points.View, false);
        if (RefuseGrowth(BoardSize.Of(stroke)) is { } full)
        {
            return full;
        }

        openStrokes.Add(begin.Element, points);
        Add(stroke);
        return ApplyOutcome.Changed(new StrokeStarted(stroke));
    }

    private ApplyOutcome Extend(ParticipantId author, ExtendStroke extend)
    {
        // Points resent after a lost reply, for a stroke its author has finished since: a retry.
        if (elements.TryGetValue(extend.Element, out var existing) && existing is Stroke { IsFinished: true } finished
            && finished.Author == author && extend.FromIndex + extend.Points.Count <= finished.Points.Length)
        {
            return ApplyOutcome.Unchanged;
        }

        if (!TryGetOwnOpen(author, extend.Element, out var element, out var rejection))
        {
            return rejection;
        }

        if (element is not Stroke stroke || !openStrokes.TryGetValue(stroke.Id, out var points))
        {
            return ApplyOutcome.Reject("Only strokes can be extended with points.");
        }

        var count = points.Count;
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

        var added = BoardSize.OfPoints(extend.Points.Count - alreadyHeld);
        if (RefuseGrowth(added) is { } full)
        {
            return full;
        }

        points.Append(extend.Points, alreadyHeld);
        var grown = stroke with { Points = points.View };
        elements[grown.Id] = grown;
        size += added;
        return ApplyOutcome.Changed(new StrokeExtended(grown, count));
    }

    private ApplyOutcome Finish(ParticipantId author, FinishElement finish)
    {
        if (authorsOfEveryId.TryGetValue(finish.Element, out var madeBy) && madeBy == author
            && (!elements.TryGetValue(finish.Element, out var existing) || existing.IsFinished))
        {
            return ApplyOutcome.Unchanged;
        }

        if (!TryGetOwnOpen(author, finish.Element, out var element, out var rejection))
        {
            return rejection;
        }

        BoardElement finished = element switch
        {
            Stroke stroke => stroke with { Finished = true },
            Shape shape => shape with { Finished = true },
            _ => element,
        };
        openStrokes.Remove(finished.Id);
        elements[finished.Id] = finished;
        HistoryOf(author).Did(new Appeared([finished]));
        return ApplyOutcome.Changed(new ElementFinished(finished));
    }

    private ApplyOutcome Draw(ParticipantId author, DrawShape draw)
    {
        var shape = new Shape(draw.Element, author, draw.Kind, draw.Style, draw.From, draw.To, draw.IsFinished);
        if (authorsOfEveryId.ContainsKey(draw.Element))
        {
            if (!TryGetOwnOpen(author, draw.Element, out var element, out var rejection))
            {
                // A resent final shape, or one erased since, is a retry: nothing to do.
                return authorsOfEveryId[draw.Element] == author ? ApplyOutcome.Unchanged : rejection;
            }

            if (element is not Shape)
            {
                return ApplyOutcome.Reject("Another element already has this id.");
            }

            elements[shape.Id] = shape;
        }
        else
        {
            if ((CheckNewId(author, draw.Element) ?? RefuseGrowth(BoardSize.Of(shape))) is { } refused)
            {
                return refused;
            }

            Add(shape);
        }

        if (shape.IsFinished)
        {
            HistoryOf(author).Did(new Appeared([shape]));
        }

        return ApplyOutcome.Changed(new ElementsDrawn([shape]));
    }

    private ApplyOutcome Place(ParticipantId author, PlaceText place) =>
        PlaceNew(author, new Text(place.Element, author, place.Style, place.At, place.Content));

    /// <summary>
    /// Puts a finished element of its author's on top, as one step of their undo history: refused when its id was used
    /// before or the board would grow past its limits (a text, a note and an image are placed alike).
    /// </summary>
    private ApplyOutcome PlaceNew(ParticipantId author, BoardElement element)
    {
        if ((CheckNewId(author, element.Id) ?? RefuseGrowth(BoardSize.Of(element))) is { } refused)
        {
            return refused;
        }

        Add(element);
        HistoryOf(author).Did(new Appeared([element]));
        return ApplyOutcome.Changed(new ElementsDrawn([element]));
    }

    private ApplyOutcome Edit(ParticipantId author, EditOperation edit)
    {
        var history = HistoryOf(author);
        if (history.HasSeen(edit.Op))
        {
            return ApplyOutcome.Unchanged;
        }

        var outcome = edit switch
        {
            MoveElements move => Move(history, move),
            EraseElements erase => Erase(history, erase.Elements, "None of these elements are on the board to erase."),
            ClearBoard => Erase(history, drawingOrder, "The board is already empty."),
            Operations.Undo => Undo(history),
            Operations.Redo => Redo(history),
            PostChat post => Post(post),
            EditText change => Retext(history, change),
            RestyleElements restyle => Restyle(history, restyle),
            ResizeElement resize => Resize(history, resize),
            AddElements add => AddAll(author, history, add),
            RestackElements restack => Restack(history, restack),
            RestoreMoment restore => Restore(history, restore),
            _ => ApplyOutcome.Reject("This edit is not known to the board."),
        };
        // Refused edits leave no trace, so the same edit can be tried again.
        if (!outcome.IsRejected)
        {
            history.Remember(edit.Op);
        }

        return outcome;
    }

    /// <summary>Adds a stamped chat message; it is in nobody's undo history.</summary>
    private ApplyOutcome Post(PostChat post)
    {
        if (post.Stamp is not { } stamp)
        {
            return ApplyOutcome.Reject("A chat message reaches the board through its writer, which says who posted it and when.");
        }

        var message = new ChatMessage(chat.Count + 1, stamp.Name, stamp.Color, stamp.At, post.Text);
        if (RefuseGrowth(BoardSize.Of(message)) is { } full)
        {
            return full;
        }

        AddChat(message);
        return ApplyOutcome.Changed(new ChatPosted(message));
    }

    private void AddChat(ChatMessage message)
    {
        chat.Add(message);
        size += BoardSize.Of(message);
    }

    private ApplyOutcome Move(ParticipantHistory history, MoveElements move)
    {
        var moving = Editable(move.Elements);
        if (moving.Count == 0)
        {
            return ApplyOutcome.Reject("None of these elements are on the board to move.");
        }

        var limit = new Bounds(-BoardLimits.CoordinateLimit, -BoardLimits.CoordinateLimit, BoardLimits.CoordinateLimit, BoardLimits.CoordinateLimit);
        if (moving.Any(element => !limit.Contains(HitTest.BoundsOf(element).MovedBy(move.Dx, move.Dy))))
        {
            return ApplyOutcome.Reject($"The move would take elements off the board (coordinates are limited to ±{BoardLimits.CoordinateLimit:0}).");
        }

        var moved = MovePresent(moving.Select(element => element.Id).ToList(), move.Dx, move.Dy);
        history.Did(new Moved(moved.Select(element => element.Id).ToList(), move.Dx, move.Dy));
        return ApplyOutcome.Changed(new ElementsDrawn(moved));
    }

    private ApplyOutcome Erase(ParticipantHistory history, IReadOnlyList<ElementId> ids, string whenNone)
    {
        var erasing = Editable(ids);
        if (erasing.Count == 0)
        {
            return ApplyOutcome.Reject(whenNone);
        }

        var erased = RemovePresent(erasing.Select(element => element.Id).ToList());
        history.Did(new Disappeared(erased));
        return ApplyOutcome.Changed(Erased(erased));
    }

    private ApplyOutcome Undo(ParticipantHistory history)
    {
        if (!history.CanUndo)
        {
            return ApplyOutcome.Reject("Nothing to undo.");
        }

        if (history.NextUndo is Disappeared erased && RefuseRestoring(erased.Elements) is { } full)
        {
            return full;
        }

        if (history.NextUndo is Retexted retexted && RefuseRetexting(retexted.Element, retexted.Before) is { } tooLong)
        {
            return tooLong;
        }

        if (history.NextUndo is Replaced replaced && RefuseReplacing(replaced.After, replaced.Before) is { } tooMuch)
        {
            return tooMuch;
        }

        var (step, change) = Perform(history.PopUndo(), undoing: true);
        history.PushRedo(step);
        return ApplyOutcome.Changed(change);
    }

    private ApplyOutcome Redo(ParticipantHistory history)
    {
        if (!history.CanRedo)
        {
            return ApplyOutcome.Reject("Nothing to redo.");
        }

        if (history.NextRedo is Appeared drawn && RefuseRestoring(drawn.Elements) is { } full)
        {
            return full;
        }

        if (history.NextRedo is Retexted retexted && RefuseRetexting(retexted.Element, retexted.After) is { } tooLong)
        {
            return tooLong;
        }

        if (history.NextRedo is Replaced replaced && RefuseReplacing(replaced.Before, replaced.After) is { } tooMuch)
        {
            return tooMuch;
        }

        var (step, change) = Perform(history.PopRedo(), undoing: false);
        history.PushUndo(step);
        return ApplyOutcome.Changed(change);
    }

    /// <summary>
    /// Undoes or redoes a step on the board as it is now: only elements still there are erased or
    /// moved, only those gone are restored. The step returned holds what really happened, for the other stack.
    /// </summary>
    private (HistoryStep Step, BoardChange Change) Perform(HistoryStep step, bool undoing)
    {
        switch (step)
        {
            case Appeared appeared when undoing:
                var taken = RemovePresent(appeared.Elements.Select(element => element.Id).ToList());
                return (new Appeared(taken), Erased(taken));
            case Appeared appeared:
                var back = RestoreAbsent(appeared.Elements);
                return (new Appeared(back), new ElementsDrawn(back));
            case Disappeared disappeared when undoing:
                var restored = RestoreAbsent(disappeared.Elements);
                return (new Disappeared(restored), new ElementsDrawn(restored));
            case Disappeared disappeared:
                var erased = RemovePresent(disappeared.Elements.Select(element => element.Id).ToList());
                return (new Disappeared(erased), Erased(erased));
            case Moved moved:
                var shifted = undoing ? MovePresent(moved.Elements, -moved.Dx, -moved.Dy) : MovePresent(moved.Elements, moved.Dx, moved.Dy);
                return (moved with { Elements = shifted.Select(element => element.Id).ToList() }, new ElementsDrawn(shifted));
            case Retexted retexted:
                return (retexted, new ElementsDrawn(RetextPresent(retexted.Element, undoing ? retexted.Before : retexted.After)));
            case Restyled restyled:
                return PerformRestyle(restyled, undoing);
            case Resized or Restacked:
                return PerformArranging(step, undoing);
            case Replaced replaced:
                return (replaced, undoing ? Replace(replaced.After, replaced.Before) : Replace(replaced.Before, replaced.After));
            default:
                throw new InvalidOperationException($"Unknown history step {step.GetType().Name}.");
        }
    }

    /// <summary>Erases those of the elements still on the board, and returns the versions erased.</summary>
    private List<BoardElement> RemovePresent(IReadOnlyList<ElementId> ids)
    {
        var removed = ids.Where(elements.ContainsKey).Select(id => elements[id]).ToList();
        var gone = removed.Select(element => element.Id).ToHashSet();
        foreach (var element in removed)
        {
            size -= BoardSize.Of(element);
        }

        foreach (var id in gone)
        {
            elements.Remove(id);
            openStrokes.Remove(id);
        }

        drawingOrder.RemoveAll(gone.Contains);
        return removed;
    }

    /// <summary>Puts back, on top, those of the elements that are not on the board.</summary>
    private List<BoardElement> RestoreAbsent(IReadOnlyList<BoardElement> versions)
    {
        var restored = versions.Where(element => !elements.ContainsKey(element.Id)).ToList();
        foreach (var element in restored)
        {
            Add(element);
        }

        return restored;
    }

    private List<BoardElement> MovePresent(IReadOnlyList<ElementId> ids, float dx, float dy)
    {
        var moved = ids.Where(elements.ContainsKey).Select(id => elements[id].MovedBy(dx, dy)).ToList();
        foreach (var element in moved)
        {
            elements[element.Id] = element;
        }

        return moved;
    }

    private static ElementsErased Erased(IEnumerable<BoardElement> erased) => new([.. erased.Select(element => element.Id)]);

    /// <summary>The named elements that are on the board and finished: what edits may touch.</summary>
    private List<BoardElement> Editable(IEnumerable<ElementId> ids) =>
        ids.Where(elements.ContainsKey).Select(id => elements[id]).Where(element => element.IsFinished).ToList();

    private void Add(BoardElement element)
    {
        elements.Add(element.Id, element);
        size += BoardSize.Of(element);
        drawingOrder.Add(element.Id);
        authorsOfEveryId.TryAdd(element.Id, element.Author);
    }

    /// <summary>Null when the id is new and the board has room; otherwise what to answer.</summary>
    private ApplyOutcome? CheckNewId(ParticipantId author, ElementId id)
    {
        if (authorsOfEveryId.TryGetValue(id, out var madeBy))
        {
            return madeBy == author ? ApplyOutcome.Unchanged : ApplyOutcome.Reject("Another element already has this id.");
        }

        return elements.Count >= BoardLimits.MaxElementsPerBoard
            ? ApplyOutcome.Reject($"This board is full: it holds at most {BoardLimits.MaxElementsPerBoard:N0} elements. Erase something, or start a new board.")
            : null;
    }

    /// <summary>
    /// Null when the board has room for this much more; otherwise why not. Only what grows the board is
    /// checked, so erasing, clearing and undoing a drawing go on working on a full board.
    /// </summary>
    private ApplyOutcome? RefuseGrowth(BoardSize growth) =>
        (size + growth).Refusal is { } refusal ? ApplyOutcome.Reject(refusal) : null;

    /// <summary>Null when those of these elements not on the board (what undo or redo would bring back) fit.</summary>
    private ApplyOutcome? RefuseRestoring(IReadOnlyList<BoardElement> versions) =>
        RefuseGrowth(BoardSize.Of(versions.Where(element => !elements.ContainsKey(element.Id))));

    private bool TryGetOwnOpen(ParticipantId author, ElementId id, out BoardElement element, out ApplyOutcome rejection)
    {
        rejection = default;
        if (!elements.TryGetValue(id, out element!))
        {
            rejection = ApplyOutcome.Reject("There is no element with this id on the board.");
            return false;
        }

        if (element.Author != author)
        {
            rejection = ApplyOutcome.Reject("Only the person drawing an element can continue it.");
            return false;
        }

        if (element.IsFinished)
        {
            rejection = ApplyOutcome.Reject("This element is already finished.");
            return false;
        }

        return true;
    }

    private ParticipantHistory HistoryOf(ParticipantId author)
    {
        if (!histories.TryGetValue(author, out var history))
        {
            history = new ParticipantHistory();
            histories.Add(author, history);
        }

        return history;
    }

    private static ApplyOutcome TooManyPoints() =>
        ApplyOutcome.Reject($"A stroke may have at most {BoardLimits.MaxPointsPerStroke} points.");
}
