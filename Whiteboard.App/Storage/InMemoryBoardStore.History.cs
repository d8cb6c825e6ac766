using Whiteboard.App.Images;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;

namespace Whiteboard.App.Storage;

/// <summary>A board's history, kept in memory: every operation and every checkpoint.</summary>
public sealed partial class InMemoryBoardStore
{
    public Task<HistorySpan> ReadSpanAsync(BoardId board, CancellationToken cancellationToken)
    {
        var stored = boards[board];
        lock (stored)
        {
            var (checkpoints, operations) = (stored.Checkpoints.Keys, stored.Operations);
            return Task.FromResult(HistorySpan.Of(
                checkpoints.Count > 0 ? checkpoints[0] : null,
                checkpoints.Count > 0 ? checkpoints[^1] : null,
                operations.Count > 0 ? operations[0].Operation.Sequence : null,
                operations.Count > 0 ? operations[^1].Operation.Sequence : null));
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

    public Task<IReadOnlyList<HistoryStamp>> ReadStampsAsync(BoardId board, long every, CancellationToken cancellationToken) =>
        StampsWhere(board, sequence => sequence % every == 0);

    public Task<IReadOnlyList<HistoryStamp>> ReadStampsAsync(BoardId board, long after, long upTo, CancellationToken cancellationToken) =>
        StampsWhere(board, sequence => sequence > after && sequence <= upTo);

    private Task<IReadOnlyList<HistoryStamp>> StampsWhere(BoardId board, Func<long, bool> wanted)
    {
        var stored = boards[board];
        lock (stored)
        {
            return Task.FromResult<IReadOnlyList<HistoryStamp>>([.. stored.Operations
                .Where(operation => wanted(operation.Operation.Sequence))
                .Select(operation => new HistoryStamp(operation.Operation.Sequence, operation.At, operation.Operation.Seated))]);
        }
    }

    /// <summary>The images named by any operation or checkpoint of the board's history: a restore may bring them back.</summary>
    private HashSet<string> NamedInHistory(BoardId board)
    {
        if (!boards.TryGetValue(board, out var stored))
        {
            return [];
        }

        lock (stored)
        {
            var placed = stored.Operations.Select(operation => BoardMessage.Of(operation.Operation.Operation))
                .SelectMany(message => (message.Moment ?? []).Select(element => element.Image).Append(message.Image))
                .OfType<string>();
            return [.. stored.Checkpoints.Values.SelectMany(UsedImages.In).Concat(placed)];
        }
    }
}
