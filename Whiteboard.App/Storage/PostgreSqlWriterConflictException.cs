using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Storage;

/// <summary>
/// An append refused because one of its sequence numbers is already stored for the board: another writer
/// (a second activation of the board elsewhere in the cluster) got there first. Nothing of the append was
/// stored; the board's writer should stop, reload the board and carry on from what is stored.
/// </summary>
public sealed class PostgreSqlWriterConflictException(BoardId board, long firstSequence, Exception inner)
    : Exception($"Board {board}: operation {firstSequence} or one after it is already stored, by another writer of this board.", inner)
{
    public BoardId Board { get; } = board;

    /// <summary>The first sequence number of the refused append.</summary>
    public long FirstSequence { get; } = firstSequence;
}
