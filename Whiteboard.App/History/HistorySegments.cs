using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.App.History;

/// <summary>
/// The checkpoints and operations read lately, for the next moment asked of the same stretch of history: a slider moved
/// back and forth reads the store once per stretch, not once per moment. What is held never changes (a checkpoint is the
/// board at its moment, operations are never rewritten), so it is shared by every reader, of every board. Bounded by what
/// the stretches held weigh (<see cref="HistoryWeight"/>: checkpoints and operations alike, and each stretch something)
/// and by their number, the oldest used let go first.
/// </summary>
public sealed class HistorySegments
{
    /// <summary>Bytes the stretches held weigh at most, about: a large board's checkpoint and its operations, or many small ones.</summary>
    public const long MostBytes = 64L * 1024 * 1024;

    /// <summary>Stretches held at most: as many boards' history views open at once, each on one stretch.</summary>
    public const int MostStretches = 64;

    private readonly Lock gate = new();
    private readonly LinkedList<Segment> used = [];
    private long bytes;

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

    /// <summary>Holds a segment read (or read further), in place of the same stretch's earlier one; one too heavy to hold is not.</summary>
    public void Keep(Segment segment)
    {
        lock (gate)
        {
            if (used.FirstOrDefault(held => held.Board == segment.Board && held.Checkpoint == segment.Checkpoint) is { } earlier)
            {
                if (earlier.UpTo >= segment.UpTo)
                {
                    return;
                }

                used.Remove(earlier);
                bytes -= earlier.Bytes;
            }

            if (segment.Bytes > MostBytes)
            {
                return;
            }

            used.AddFirst(segment);
            bytes += segment.Bytes;
            while ((bytes > MostBytes || used.Count > MostStretches) && used.Last is { } oldest)
            {
                used.RemoveLast();
                bytes -= oldest.Value.Bytes;
            }
        }
    }

    /// <summary>
    /// A stretch of a board's history: the board at <paramref name="checkpoint"/> (null: the empty board, at 0) and the
    /// operations after it up to <paramref name="upTo"/>, in order. Not a record: its weight is its content's, so a copy
    /// with other content is made anew.
    /// </summary>
    public sealed class Segment(BoardId board, long checkpoint, BoardStateRecord? state, IReadOnlyList<HistoryOperation> operations, long upTo)
    {
        public BoardId Board { get; } = board;

        public long Checkpoint { get; } = checkpoint;

        public BoardStateRecord? State { get; } = state;

        public IReadOnlyList<HistoryOperation> Operations { get; } = operations;

        public long UpTo { get; } = upTo;

        /// <summary>What it weighs held, about, in bytes.</summary>
        public long Bytes { get; } = HistoryWeight.Of(state, operations);
    }
}
