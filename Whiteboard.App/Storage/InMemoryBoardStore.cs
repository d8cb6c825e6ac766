using System.Collections.Concurrent;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Storage;

/// <summary>Keeps boards for the life of the process only: for tests and throw-away boards.</summary>
public sealed partial class InMemoryBoardStore : IBoardStore, IBoardHistoryStore
{
    private readonly ConcurrentDictionary<BoardId, Board> boards = new();

    public Task CreateBoardAsync(BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken)
    {
        Add(board, content, importing: false);
        return Task.CompletedTask;
    }

    private void Add(BoardRecord board, BoardStateRecord? content, bool importing)
    {
        var stored = new Board { Record = board, Importing = importing };
        if (content is not null)
        {
            stored.Checkpoints.Add(0, content);
        }

        boards.TryAdd(board.Id, stored);
    }

    public Task<BoardRecord?> FindAsync(BoardKey key, CancellationToken cancellationToken) =>
        Task.FromResult(boards.Values.Where(board => !board.Importing).Select(board => board.Record)
            .FirstOrDefault(record => record.EditKey == key || record.ViewKey == key));

    public Task<BoardRecord?> FindAsync(BoardId board, CancellationToken cancellationToken) =>
        Task.FromResult(boards.TryGetValue(board, out var found) && !found.Importing ? found.Record : null);

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
            stored.Operations.AddRange(operations.Select(operation => new HistoryOperation(operation, changed)));
            stored.Record = stored.Record with { Changed = changed };
        }

        return Task.CompletedTask;
    }

    public Task SaveSnapshotAsync(BoardId board, long sequence, BoardStateRecord state, CancellationToken cancellationToken)
    {
        var stored = boards[board];
        lock (stored)
        {
            var kept = stored.Checkpoints.Keys;
            if (StoredCheckpoint.Superseded(sequence, kept.Count > 0 ? kept[^1] : null, kept.Count > 1 ? kept[^2] : null) is { } dropped)
            {
                stored.Checkpoints.Remove(dropped);
            }

            stored.Checkpoints[sequence] = state;
        }

        return Task.CompletedTask;
    }

    public Task<StoredBoard> LoadAsync(BoardId board, CancellationToken cancellationToken)
    {
        var stored = boards[board];
        lock (stored)
        {
            var (sequence, snapshot) = stored.Checkpoints.Count == 0 ? (0, null) : (stored.Checkpoints.Keys[^1], stored.Checkpoints.Values[^1]);
            return Task.FromResult(new StoredBoard(sequence, snapshot,
                [.. stored.Operations.Where(operation => operation.Operation.Sequence > sequence).Select(operation => operation.Operation)]));
        }
    }

    public Task<string?> CheckAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    private sealed class Board
    {
        public required BoardRecord Record { get; set; }

        /// <summary>Whether its import has begun and not finished: no link opens it (<see cref="IBoardImportStore"/>).</summary>
        public bool Importing { get; set; }

        /// <summary>Every snapshot, by the sequence it was taken at: the latest loads the board, all are its history's checkpoints.</summary>
        public SortedList<long, BoardStateRecord> Checkpoints { get; } = [];

        /// <summary>Every operation, in order, with the time it was stored.</summary>
        public List<HistoryOperation> Operations { get; } = [];
    }
}
