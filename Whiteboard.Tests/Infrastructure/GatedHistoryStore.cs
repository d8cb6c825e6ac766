using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>
/// A store's history reads, of which the next read of a history's span (the first thing a timeline or a moment reads) can
/// be held until the test lets it go: a history view stopped while it reads, without waiting on the clock.
/// </summary>
public sealed class GatedHistoryStore(IBoardHistoryStore inner) : IBoardHistoryStore
{
    /// <summary>Holds <see cref="ReadSpanAsync"/>.</summary>
    public GatedStore.Gate Spans { get; } = new();

    public async Task<HistorySpan> ReadSpanAsync(BoardId board, CancellationToken cancellationToken)
    {
        await Spans.PassAsync();
        return await inner.ReadSpanAsync(board, cancellationToken);
    }

    public Task<StoredCheckpoint?> ReadCheckpointAsync(BoardId board, long atMost, CancellationToken cancellationToken) =>
        inner.ReadCheckpointAsync(board, atMost, cancellationToken);

    public Task<IReadOnlyList<HistoryOperation>> ReadOperationsAsync(BoardId board, long after, long upTo, CancellationToken cancellationToken) =>
        inner.ReadOperationsAsync(board, after, upTo, cancellationToken);

    public Task<IReadOnlyList<HistoryStamp>> ReadStampsAsync(BoardId board, long every, CancellationToken cancellationToken) =>
        inner.ReadStampsAsync(board, every, cancellationToken);

    public Task<IReadOnlyList<HistoryStamp>> ReadStampsAsync(BoardId board, long after, long upTo, CancellationToken cancellationToken) =>
        inner.ReadStampsAsync(board, after, upTo, cancellationToken);
}
