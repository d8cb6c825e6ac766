using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Storage;

/// <summary>
/// A board's whole history, as every board store (<see cref="IBoardStore"/>) keeps it: every operation with its time and
/// its author as seated, and checkpoints (the board written down whole, snapshots kept) from which a moment is replayed.
/// </summary>
public interface IBoardHistoryStore
{
    /// <summary>
    /// The first and last moments the history holds: the earliest checkpoint's sequence (0, the empty board, when the board
    /// has none before its operations) and the last operation's.
    /// </summary>
    Task<HistorySpan> ReadSpanAsync(BoardId board, CancellationToken cancellationToken);

    /// <summary>The latest checkpoint taken after operation <paramref name="atMost"/> or before; null when there is none.</summary>
    Task<StoredCheckpoint?> ReadCheckpointAsync(BoardId board, long atMost, CancellationToken cancellationToken);

    /// <summary>The operations after <paramref name="after"/> up to <paramref name="upTo"/>, in order, with their times.</summary>
    Task<IReadOnlyList<HistoryOperation>> ReadOperationsAsync(BoardId board, long after, long upTo, CancellationToken cancellationToken);

    /// <summary>
    /// When each operation whose sequence is a multiple of <paramref name="every"/> was made, and by whom, without its
    /// content: marks along the history, few enough to send to a page.
    /// </summary>
    Task<IReadOnlyList<HistoryStamp>> ReadStampsAsync(BoardId board, long every, CancellationToken cancellationToken);

    /// <summary>When each operation after <paramref name="after"/> up to <paramref name="upTo"/> was made, and by whom, in order, without its content.</summary>
    Task<IReadOnlyList<HistoryStamp>> ReadStampsAsync(BoardId board, long after, long upTo, CancellationToken cancellationToken);
}
