using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.History;

/// <summary>
/// A board's past, read from its store: the timeline of its history, and the board at any moment of it, rebuilt from the
/// nearest checkpoint at or before that moment and the operations after it, replayed through <see cref="BoardState"/>
/// (the same code that applies them live, so a moment is the board as everyone saw it then). Reads only: the board's
/// writer and its participants go on meanwhile.
/// </summary>
public sealed class BoardHistory(IBoardHistoryStore store)
{
    private readonly HistorySegments segments = new();

    /// <summary>Marks a timeline carries at most: enough for a slider's ticks, few enough to send to a page.</summary>
    public const int MostMarks = 300;

    /// <summary>Who "was drawing" at a moment: the authors of the operations this long before it.</summary>
    public static readonly TimeSpan DrawingWindow = TimeSpan.FromMinutes(1);

    /// <summary>Operations looked at, at most, to find who was drawing in the minute before a moment.</summary>
    private const int LookBehind = 2_000;

    public async Task<HistoryTimeline> TimelineAsync(BoardId board, CancellationToken cancellationToken)
    {
        var span = await store.ReadSpanAsync(board, cancellationToken);
        var every = Math.Max(1, (span.Last - span.First + MostMarks - 2) / (MostMarks - 1));
        var stamps = await store.ReadStampsAsync(board, every, cancellationToken);
        var marks = stamps.Where(stamp => stamp.Sequence > span.First).Select(Mark).ToList();
        if (marks.Count == 0 || marks[^1].Sequence != span.Last)
        {
            var last = await store.ReadStampsAsync(board, span.Last - 1, span.Last, cancellationToken);
            marks.Add(last is [var stamp] ? Mark(stamp) : new HistoryMark(span.Last, null, null));
        }

        return new HistoryTimeline(span.First, span.Last, marks.Count > MostMarks ? marks[^MostMarks..] : marks);
    }

    /// <summary>
    /// The board right after operation <paramref name="sequence"/>. A sequence outside the timeline
    /// (<see cref="TimelineAsync"/>) throws <see cref="ArgumentOutOfRangeException"/>: a page's slider never gives one.
    /// </summary>
    public async Task<HistoryMoment> AtAsync(BoardId board, long sequence, CancellationToken cancellationToken)
    {
        var replayed = await ReplayAsync(board, sequence, cancellationToken);
        if (!replayed.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, replayed.Error);
        }

        var (state, operations) = replayed.Value!;
        var at = operations.Count > 0 ? operations[^1].At : await TimeOfAsync(board, sequence, cancellationToken);
        var drawing = at is { } time ? await DrawingAsync(board, sequence, time, cancellationToken) : [];
        return new HistoryMoment(sequence, at, new BoardSnapshot(sequence, state.Elements(), state.LatestChat(BoardLimits.ChatPage)), drawing);
    }

    /// <summary>The finished elements of the board right after operation <paramref name="sequence"/>, in drawing order; or why there is no such moment.</summary>
    public async Task<Validated<IReadOnlyList<BoardElement>>> ElementsAtAsync(BoardId board, long sequence, CancellationToken cancellationToken)
    {
        var replayed = await ReplayAsync(board, sequence, cancellationToken);
        return replayed.IsValid
            ? Validated<IReadOnlyList<BoardElement>>.Ok([.. replayed.Value!.State.Elements().Where(element => element.IsFinished)])
            : Validated<IReadOnlyList<BoardElement>>.Reject(replayed.Error!);
    }

    /// <summary>
    /// The board's whole history, for an export: its first moment, every operation after it, and the board they lead to
    /// (<see cref="WholeHistory.Final"/>, whose elements and chat the export writes, so the file's board is its history's).
    /// </summary>
    public async Task<(WholeHistory History, BoardState Board)> WholeAsync(BoardId board, CancellationToken cancellationToken)
    {
        var span = await store.ReadSpanAsync(board, cancellationToken);
        var start = await store.ReadCheckpointAsync(board, span.First, cancellationToken) is { } checkpoint && checkpoint.Sequence == span.First
            ? checkpoint.State
            : null;
        var state = start is null ? new BoardState() : Restored(board, start);
        var operations = await store.ReadOperationsAsync(board, span.First, span.Last, cancellationToken);
        foreach (var operation in operations)
        {
            state.Apply(operation.Operation.Author, operation.Operation.Operation);
        }

        var kept = operations.Select(operation => new WholeHistoryOperation(operation.Operation.Sequence, operation.Operation.Author,
            operation.Operation.Operation, operation.At, operation.Operation.Seated?.Name, operation.Operation.Seated?.Color));
        return (new WholeHistory(span.First, start, [.. kept], state.Capture()), state);
    }

    private static BoardState Restored(BoardId board, BoardStateRecord record)
    {
        var restored = BoardState.Restore(record);
        return restored.IsValid ? restored.Value! : throw new InvalidDataException($"Board {board}: {restored.Error}");
    }

    private async Task<Validated<Replayed>> ReplayAsync(BoardId board, long sequence, CancellationToken cancellationToken)
    {
        var span = await store.ReadSpanAsync(board, cancellationToken);
        if (sequence < span.First || sequence > span.Last)
        {
            return Validated<Replayed>.Reject(span.First == span.Last
                ? $"This board's history holds one moment: {span.First}."
                : $"This board's history runs from moment {span.First} to {span.Last}; there is no moment {sequence}.");
        }

        var segment = await SegmentAsync(board, sequence, cancellationToken);
        var state = segment.State is null ? new BoardState() : Restored(board, segment.State);
        var operations = segment.Operations.TakeWhile(operation => operation.Operation.Sequence <= sequence).ToList();
        foreach (var operation in operations)
        {
            state.Apply(operation.Operation.Author, operation.Operation.Operation);
        }

        return Validated<Replayed>.Ok(new Replayed(state, operations));
    }

    /// <summary>A checkpoint at or before <paramref name="sequence"/> and the operations after it up to it at least: held, or read.</summary>
    private async Task<HistorySegments.Segment> SegmentAsync(BoardId board, long sequence, CancellationToken cancellationToken)
    {
        if (segments.Find(board, sequence) is { } held)
        {
            if (held.UpTo >= sequence)
            {
                return held;
            }

            var more = await store.ReadOperationsAsync(board, held.UpTo, sequence, cancellationToken);
            var further = new HistorySegments.Segment(board, held.Checkpoint, held.State, [.. held.Operations, .. more], sequence);
            segments.Keep(further);
            return further;
        }

        var checkpoint = await store.ReadCheckpointAsync(board, sequence, cancellationToken);
        var from = checkpoint?.Sequence ?? 0;
        var read = new HistorySegments.Segment(board, from, checkpoint?.State,
            await store.ReadOperationsAsync(board, from, sequence, cancellationToken), sequence);
        segments.Keep(read);
        return read;
    }

    /// <summary>When operation <paramref name="sequence"/> was stored (a moment that is a checkpoint replays none); null when not known.</summary>
    private async Task<DateTimeOffset?> TimeOfAsync(BoardId board, long sequence, CancellationToken cancellationToken) =>
        sequence > 0 && await store.ReadStampsAsync(board, sequence - 1, sequence, cancellationToken) is [var stamp] ? stamp.At : null;

    /// <summary>The authors of the operations in the minute up to operation <paramref name="sequence"/>, each once, the latest first.</summary>
    private async Task<IReadOnlyList<HistoryAuthor>> DrawingAsync(BoardId board, long sequence, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var since = at - DrawingWindow;
        var stamps = await store.ReadStampsAsync(board, Math.Max(0, sequence - LookBehind), sequence, cancellationToken);
        return [.. stamps
            .Where(stamp => stamp.At is { } made && made >= since && stamp.Seated is not null)
            .Reverse()
            .Select(stamp => new HistoryAuthor(stamp.Seated!.Name, stamp.Seated.Color))
            .Distinct()];
    }

    private static HistoryMark Mark(HistoryStamp stamp) =>
        new(stamp.Sequence, stamp.At, stamp.Seated is { } seated ? new HistoryAuthor(seated.Name, seated.Color) : null);

    private sealed record Replayed(BoardState State, IReadOnlyList<HistoryOperation> Operations);
}
