using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.App.History;

/// <summary>
/// The checkpoints and operations read lately, for the next moment asked of the same stretch of history: a slider moved
/// back and forth reads the store once per stretch, not once per moment. What is held never changes (a checkpoint is the
/// board at its moment, operations are never rewritten), so it is shared by every reader. Bounded by the floats of the
/// checkpoints' elements held, the oldest used let go first.
/// </summary>
internal sealed class HistorySegments
{
    /// <summary>Floats (3 a point of ink) of the checkpoints held at most: about 12 MB of them, with their operations beside.</summary>
    private const long MostFloats = 3_000_000;

    private readonly Lock gate = new();
    private readonly LinkedList<Segment> used = [];
    private long floats;

    /// <summary>The segment of this board starting at the latest checkpoint at or before <paramref name="sequence"/> held, within reach of it.</summary>
    public Segment? Find(BoardId board, long sequence)
    {
        lock (gate)
        {
            var found = used.Where(segment => segment.Board == board && segment.Checkpoint <= sequence
                    && sequence - segment.Checkpoint < 2 * StoredCheckpoint.Spacing)
                .MaxBy(segment => segment.Checkpoint);
            if (found is not null)
            {
                used.Remove(found);
                used.AddFirst(found);
            }

            return found;
        }
    }

    /// <summary>Holds a segment read (or read further), in place of the same stretch's earlier one; one too large to hold is not.</summary>
    public void Keep(Segment segment)
    {
        if (segment.Floats > MostFloats)
        {
            return;
        }

        lock (gate)
        {
            if (used.FirstOrDefault(held => held.Board == segment.Board && held.Checkpoint == segment.Checkpoint) is { } earlier)
            {
                if (earlier.UpTo >= segment.UpTo)
                {
                    return;
                }

                used.Remove(earlier);
                floats -= earlier.Floats;
            }

            used.AddFirst(segment);
            floats += segment.Floats;
            while (floats > MostFloats && used.Last is { } oldest)
            {
                used.RemoveLast();
                floats -= oldest.Value.Floats;
            }
        }
    }

    /// <summary>
    /// A stretch of a board's history: the board at <paramref name="Checkpoint"/> (null: the empty board, at 0) and the
    /// operations after it up to <paramref name="UpTo"/>, in order.
    /// </summary>
    public sealed record Segment(BoardId Board, long Checkpoint, BoardStateRecord? State, IReadOnlyList<HistoryOperation> Operations, long UpTo)
    {
        public long Floats { get; } = State?.Elements?.Sum(element => (long)(element.Points?.Length ?? 0)) ?? 0;
    }
}
