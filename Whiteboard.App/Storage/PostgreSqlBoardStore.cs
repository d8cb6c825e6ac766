using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Storage;

/// <summary>
/// The store shared by the app's instances in a cluster: one PostgreSQL database (<see cref="PostgreSqlDatabase"/>).
/// Appends go through a group commit (<see cref="PostgreSqlAppender"/>); every other change is a transaction of its
/// own, beside them, since PostgreSQL lets many connections write at once. A second writer of one board is refused
/// (<see cref="PostgreSqlWriterConflictException"/>). This class says what each of the store's changes writes.
/// </summary>
public sealed partial class PostgreSqlBoardStore : IBoardStore, IBoardHistoryStore, IAsyncDisposable
{
    private readonly PostgreSqlDatabase database;
    private readonly PostgreSqlAppender appender;
    private readonly PostgreSqlBoardReads reads;
    private readonly ILogger logger;

    /// <param name="connectionString">An Npgsql connection string (<see cref="PostgreSqlServices.Setting"/>).</param>
    public PostgreSqlBoardStore(string connectionString)
        : this(connectionString, NullLogger<PostgreSqlBoardStore>.Instance)
    {
    }

    /// <param name="connectionString">An Npgsql connection string (<see cref="PostgreSqlServices.Setting"/>).</param>
    /// <param name="logger">Where the details of a failed check go: the server's own words, which pages never show.</param>
    public PostgreSqlBoardStore(string connectionString, ILogger<PostgreSqlBoardStore> logger)
    {
        this.logger = logger;
        database = new PostgreSqlDatabase(NpgsqlDataSource.Create(connectionString));
        appender = new PostgreSqlAppender(database);
        reads = new PostgreSqlBoardReads(database);
    }

    public async Task CreateBoardAsync(BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken)
    {
        var state = content is null ? null : JsonSerializer.Serialize(content, StoredJson.Options);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertBoardAsync(connection, transaction, board, state, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task<BoardRecord?> FindAsync(BoardKey key, CancellationToken cancellationToken) => reads.FindAsync(key, cancellationToken);

    public Task<BoardRecord?> FindAsync(BoardId board, CancellationToken cancellationToken) => reads.FindAsync(board, cancellationToken);

    public async Task UpdateAsync(BoardRecord board, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("UPDATE boards SET name = $2, edit_key = $3, changed = $4 WHERE id = $1", connection)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = board.Id.Value },
                new NpgsqlParameter<string> { TypedValue = board.Name },
                new NpgsqlParameter<string> { TypedValue = board.EditKey.Value },
                new NpgsqlParameter<DateTimeOffset> { TypedValue = board.Changed.ToUniversalTime() },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Completes once the operations are committed, together with what other boards queued meanwhile; fails with
    /// <see cref="PostgreSqlWriterConflictException"/>, storing none of them, when one's sequence is already stored.
    /// </summary>
    public Task AppendAsync(BoardId board, IReadOnlyList<StoredOperation> operations, DateTimeOffset changed, CancellationToken cancellationToken) =>
        appender.AppendAsync(board, operations, changed);

    public async Task SaveSnapshotAsync(BoardId board, long sequence, BoardStateRecord state, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(state, StoredJson.Options);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await DropSupersededCheckpointAsync(connection, transaction, board, sequence, cancellationToken);
        await WriteSnapshotAsync(connection, transaction, board, sequence, json, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task<StoredBoard> LoadAsync(BoardId board, CancellationToken cancellationToken) => reads.LoadAsync(board, cancellationToken);

    /// <summary>What is wrong in plain words, for anyone; the details go to the log.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        var problem = await database.CheckAsync(cancellationToken);
        if (problem?.Cause is { } cause)
        {
            LogCheckFailed(logger, cause, problem.Plain);
        }

        return problem?.Plain;
    }

    /// <summary>What is wrong in detail, with the server's own words: for the operator starting the app, never for a page.</summary>
    public async Task<string?> CheckInDetailAsync(CancellationToken cancellationToken) => (await database.CheckAsync(cancellationToken))?.Detailed;

    public async ValueTask DisposeAsync()
    {
        await appender.DisposeAsync();
        await database.DisposeAsync();
    }

    /// <summary>Drops the latest checkpoint when the one at <paramref name="sequence"/> supersedes it (<see cref="StoredCheckpoint.Superseded"/>).</summary>
    private static async Task DropSupersededCheckpointAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, BoardId board, long sequence, CancellationToken cancellationToken)
    {
        var latest = new List<long>();
        await using (var command = new NpgsqlCommand("SELECT sequence FROM checkpoints WHERE board = $1 ORDER BY sequence DESC LIMIT 2", connection, transaction)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = board.Value } },
        })
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                latest.Add(reader.GetInt64(0));
            }
        }

        if (StoredCheckpoint.Superseded(sequence, latest.Count > 0 ? latest[0] : null, latest.Count > 1 ? latest[1] : null) is { } dropped)
        {
            await using var command = new NpgsqlCommand("DELETE FROM checkpoints WHERE board = $1 AND sequence = $2", connection, transaction)
            {
                Parameters = { new NpgsqlParameter<string> { TypedValue = board.Value }, new NpgsqlParameter<long> { TypedValue = dropped } },
            };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The board's row, and its content as its first checkpoint.</summary>
    private static async Task InsertBoardAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, BoardRecord board, string? state, CancellationToken cancellationToken)
    {
        await using (var command = new NpgsqlCommand(
            "INSERT INTO boards (id, name, edit_key, view_key, created, changed) VALUES ($1, $2, $3, $4, $5, $5)", connection, transaction)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = board.Id.Value },
                new NpgsqlParameter<string> { TypedValue = board.Name },
                new NpgsqlParameter<string> { TypedValue = board.EditKey.Value },
                new NpgsqlParameter<string> { TypedValue = board.ViewKey.Value },
                new NpgsqlParameter<DateTimeOffset> { TypedValue = board.Changed.ToUniversalTime() },
            },
        })
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (state is not null)
        {
            await WriteSnapshotAsync(connection, transaction, board.Id, 0, state, cancellationToken);
        }
    }

    /// <summary>Keeps a snapshot as a checkpoint: the latest loads the board, whichever writer of the board (in a cluster) wrote it.</summary>
    private static async Task WriteSnapshotAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, BoardId board, long sequence, string state, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO checkpoints (board, sequence, state) VALUES ($1, $2, $3)
            ON CONFLICT (board, sequence) DO UPDATE SET state = excluded.state
            """, connection, transaction)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = board.Value },
                new NpgsqlParameter<long> { TypedValue = sequence },
                new NpgsqlParameter<string> { TypedValue = state },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The PostgreSQL store cannot be used: {Problem}")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string problem);
}
