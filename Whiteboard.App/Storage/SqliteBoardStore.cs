using System.Text.Json;
using Microsoft.Data.Sqlite;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Storage;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode (<see cref="SqliteDatabase"/>), every change made
/// by one writer that commits many boards' appends together (<see cref="SqliteWriter"/>), reads beside it
/// (<see cref="SqliteBoardReads"/>). This class says what each of the store's changes writes.
/// </summary>
public sealed partial class SqliteBoardStore : IBoardStore, IBoardHistoryStore, IAsyncDisposable
{
    private readonly SqliteDatabase database;
    private readonly SqliteWriter writer;
    private readonly SqliteBoardReads reads;

    public SqliteBoardStore(string databasePath)
    {
        database = new SqliteDatabase(databasePath);
        writer = new SqliteWriter(database);
        reads = new SqliteBoardReads(database);
    }

    public Task CreateBoardAsync(BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken)
    {
        var state = content is null ? null : JsonSerializer.Serialize(content, StoredJson.Options);
        return writer.WriteAsync(connection => InsertBoardAsync(connection, board, state), cancellationToken);
    }

    public Task<BoardRecord?> FindAsync(BoardKey key, CancellationToken cancellationToken) => reads.FindAsync(key, cancellationToken);

    public Task<BoardRecord?> FindAsync(BoardId board, CancellationToken cancellationToken) => reads.FindAsync(board, cancellationToken);

    public Task UpdateAsync(BoardRecord board, CancellationToken cancellationToken) =>
        writer.WriteAsync(connection => connection.ExecuteAsync("UPDATE boards SET name = $name, edit_key = $edit, changed = $changed WHERE id = $id",
            CancellationToken.None, ("$id", board.Id.Value), ("$name", board.Name), ("$edit", board.EditKey.Value),
            ("$changed", SqliteCommands.Time(board.Changed))),
            cancellationToken);

    /// <summary>Completes once the store's one writer has committed the operations, together with what other boards queued meanwhile.</summary>
    public Task AppendAsync(BoardId board, IReadOnlyList<StoredOperation> operations, DateTimeOffset changed, CancellationToken cancellationToken) =>
        writer.AppendAsync(board, operations, changed);

    public Task SaveSnapshotAsync(BoardId board, long sequence, BoardStateRecord state, CancellationToken cancellationToken)
    {
        // Written down before its turn: the writer's turn is only the insert.
        var json = JsonSerializer.Serialize(state, StoredJson.Options);
        return writer.WriteAsync(async connection =>
        {
            await DropSupersededCheckpointAsync(connection, board, sequence);
            await WriteSnapshotAsync(connection, board, sequence, json);
        }, cancellationToken);
    }

    public Task<StoredBoard> LoadAsync(BoardId board, CancellationToken cancellationToken) => reads.LoadAsync(board, cancellationToken);

    public Task<string?> CheckAsync(CancellationToken cancellationToken) => database.CheckAsync(cancellationToken);

    public ValueTask DisposeAsync() => writer.DisposeAsync();

    /// <summary>Drops the latest checkpoint when the one at <paramref name="sequence"/> supersedes it (<see cref="StoredCheckpoint.Superseded"/>).</summary>
    private static async Task DropSupersededCheckpointAsync(SqliteConnection connection, BoardId board, long sequence)
    {
        var latest = new List<long>();
        await using (var command = connection.Command("SELECT sequence FROM checkpoints WHERE board = $board ORDER BY sequence DESC LIMIT 2",
            ("$board", board.Value)))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                latest.Add(reader.GetInt64(0));
            }
        }

        if (StoredCheckpoint.Superseded(sequence, latest.Count > 0 ? latest[0] : null, latest.Count > 1 ? latest[1] : null) is { } dropped)
        {
            await connection.ExecuteAsync("DELETE FROM checkpoints WHERE board = $board AND sequence = $sequence", CancellationToken.None,
                ("$board", board.Value), ("$sequence", dropped));
        }
    }

    /// <summary>The board's row, and its content as its first checkpoint.</summary>
    private static async Task InsertBoardAsync(SqliteConnection connection, BoardRecord board, string? state)
    {
        await connection.ExecuteAsync("""
            INSERT INTO boards (id, name, edit_key, view_key, created, changed) VALUES ($id, $name, $edit, $view, $changed, $changed)
            """, CancellationToken.None, ("$id", board.Id.Value), ("$name", board.Name), ("$edit", board.EditKey.Value),
            ("$view", board.ViewKey.Value), ("$changed", SqliteCommands.Time(board.Changed)));
        if (state is not null)
        {
            await WriteSnapshotAsync(connection, board.Id, 0, state);
        }
    }

    private static async Task WriteSnapshotAsync(SqliteConnection connection, BoardId board, long sequence, string state) =>
        await connection.ExecuteAsync("""
            INSERT INTO checkpoints (board, sequence, state) VALUES ($board, $sequence, $state)
            ON CONFLICT (board, sequence) DO UPDATE SET state = excluded.state
            """, CancellationToken.None, ("$board", board.Value), ("$sequence", sequence), ("$state", state));
}
