using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Storage;

/// <summary>A board's history, kept in memory: every operation and every checkpoint.</summary>
public sealed partial class InMemoryBoardStore
{
    public Task<HistorySpan> ReadSpanAsync(BoardId board, CancellationToken cancellationToken)
    {
        var stored = boards[board];
        lock (stored)
        {
            var first = stored.Checkpoints.Count > 0 ? stored.Checkpoints.Keys[0] : 0;
            var last = Math.Max(stored.Operations.Count > 0 ? stored.Operations[^1].Operation.Sequence : 0,
                stored.Checkpoints.Count > 0 ? stored.Checkpoints.Keys[^1] : 0);
            return Task.FromResult(new HistorySpan(first, last));
        }
    }

    public Task<StoredCheckpoint?> ReadCheckpointAsync(BoardId board, long atMost, CancellationToken cancellationToken)
    {
        var stored = boards[board];
        lock (stored)
        {
            var sequence = stored.Checkpoints.Keys.LastOrDefault(sequence => sequence <= atMost, -1);
            return Task.FromResult(sequence < 0 ? null : new StoredCheckpoint(sequence, stored.Checkpoints[sequence]));
        }
    }

    public Task<IReadOnlyList<HistoryOperation>> ReadOperationsAsync(BoardId board, long after, long upTo, CancellationToken cancellationToken)
    {
        var stored = boards[board];
        lock (stored)
        {
            return Task.FromResult<IReadOnlyList<HistoryOperation>>(
                [.. stored.Operations.Where(operation => operation.Operation.Sequence > after && operation.Operation.Sequence <= upTo)]);
        }
    }

    public Task<IReadOnlyList<HistoryStamp>> ReadStampsAsync(BoardId board, long every, CancellationToken cancellationToken)
    {
        var stored = boards[board];
        lock (stored)
        {
            return Task.FromResult<IReadOnlyList<HistoryStamp>>([.. stored.Operations
                .Where(operation => operation.Operation.Sequence % every == 0)
                .Select(operation => new HistoryStamp(operation.Operation.Sequence, operation.At, operation.Operation.Seated))]);
        }
    }
}
