using System.Collections.Concurrent;
using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Storage;

/// <summary>Keeps boards for the life of the process only: for tests and throw-away boards.</summary>
public sealed class InMemoryBoardStore : IBoardStore
{
    private readonly ConcurrentDictionary<BoardId, List<StoredOperation>> boards = new();

    public Task CreateBoardAsync(BoardId board, CancellationToken cancellationToken)
    {
        boards.TryAdd(board, []);
        return Task.CompletedTask;
    }

    public Task<bool> BoardExistsAsync(BoardId board, CancellationToken cancellationToken) =>
        Task.FromResult(boards.ContainsKey(board));

    public Task AppendAsync(BoardId board, IReadOnlyList<StoredOperation> operations, CancellationToken cancellationToken)
    {
        var log = boards[board];
        lock (log)
        {
            log.AddRange(operations);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredOperation>> LoadAsync(BoardId board, CancellationToken cancellationToken)
    {
        var log = boards[board];
        lock (log)
        {
            return Task.FromResult<IReadOnlyList<StoredOperation>>([.. log]);
        }
    }
}
