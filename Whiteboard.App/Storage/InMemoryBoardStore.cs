using System.Collections.Concurrent;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Storage;

/// <summary>Keeps boards for the life of the process only: for tests and throw-away boards.</summary>
public sealed partial class InMemoryBoardStore : IBoardStore
{
    private readonly ConcurrentDictionary<BoardId, Board> boards = new();

    public Task CreateBoardAsync(BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken)
    {
        boards.TryAdd(board.Id, new Board { Record = board, Snapshot = content });
        return Task.CompletedTask;
    }

    public Task<BoardRecord?> FindAsync(BoardKey key, CancellationToken cancellationToken) =>
        Task.FromResult(boards.Values.Select(board => board.Record).FirstOrDefault(record => record.EditKey == key || record.ViewKey == key));

    public Task<BoardRecord?> FindAsync(BoardId board, CancellationToken cancellationToken) =>
        Task.FromResult(boards.TryGetValue(board, out var found) ? found.Record : null);

    public Task UpdateAsync(BoardRecord board, CancellationToken cancellationToken)
    {
        boards[board.Id].Record = board;
        return Task.CompletedTask;
    }

    public Task AppendAsync(BoardId board, IReadOnlyList<StoredOperation> operations, DateTimeOffset changed, CancellationToken cancellationToken)
    {
        var stored = boards[board];
        lock (stored)
        {
            stored.Operations.AddRange(operations);
            stored.Record = stored.Record with { Changed = changed };
        }

        return Task.CompletedTask;
    }

    public Task SaveSnapshotAsync(BoardId board, long sequence, BoardStateRecord state, CancellationToken cancellationToken)
    {
        var stored = boards[board];
        lock (stored)
        {
            stored.Snapshot = state;
            stored.SnapshotSequence = sequence;
            stored.Operations.RemoveAll(operation => operation.Sequence <= sequence);
        }

        return Task.CompletedTask;
    }

    public Task<StoredBoard> LoadAsync(BoardId board, CancellationToken cancellationToken)
    {
        var stored = boards[board];
        lock (stored)
        {
            return Task.FromResult(new StoredBoard(stored.SnapshotSequence, stored.Snapshot, [.. stored.Operations]));
        }
    }

    public Task<string?> CheckAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    private sealed class Board
    {
        public required BoardRecord Record { get; set; }

        public BoardStateRecord? Snapshot { get; set; }

        public long SnapshotSequence { get; set; }

        public List<StoredOperation> Operations { get; } = [];
    }
}
