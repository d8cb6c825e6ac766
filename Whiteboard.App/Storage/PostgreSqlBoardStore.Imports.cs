using System.Text.Json;
using Npgsql;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Storage;

/// <summary>
/// The PostgreSQL store's imports: a board being imported has a row in <c>unfinished_imports</c>, and no link opens it
/// (<see cref="PostgreSqlBoardReads"/>) until its import finishes and that row goes.
/// </summary>
public sealed partial class PostgreSqlBoardStore : IBoardImportStore
{
    /// <summary>Where a board's rows are, by the column naming the board.</summary>
    private static readonly (string Table, string Column)[] Stored =
        [("operations", "board"), ("checkpoints", "board"), ("images", "board"), ("boards", "id"), ("unfinished_imports", "board")];

    public async Task BeginImportAsync(BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken)
    {
        var state = content is null ? null : JsonSerializer.Serialize(content, StoredJson.Options);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var forgetting = Forgetting(connection, "SELECT board FROM unfinished_imports WHERE started < now() - $1",
            () => new NpgsqlParameter<TimeSpan> { TypedValue = UnfinishedImports.Abandoned }))
        {
            await forgetting.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertBoardAsync(connection, transaction, board, state, cancellationToken);
        await using (var marking = new NpgsqlCommand("INSERT INTO unfinished_imports (board, started) VALUES ($1, now())", connection, transaction)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = board.Id.Value } },
        })
        {
            await marking.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task FinishImportAsync(BoardRecord board, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var unmarking = new NpgsqlCommand("DELETE FROM unfinished_imports WHERE board = $1", connection, transaction)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = board.Id.Value } },
        })
        {
            if (await unmarking.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw new InvalidDataException(UnfinishedImports.Removed);
            }
        }

        await using (var naming = new NpgsqlCommand("UPDATE boards SET name = $2, changed = $3 WHERE id = $1", connection, transaction)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = board.Id.Value },
                new NpgsqlParameter<string> { TypedValue = board.Name },
                new NpgsqlParameter<DateTimeOffset> { TypedValue = board.Changed.ToUniversalTime() },
            },
        })
        {
            await naming.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task AbandonImportAsync(BoardId board, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // A finished import is a board like any other; anything else stored for this board is what its import left.
        await using var forgetting = Forgetting(connection, """
            SELECT $1 WHERE NOT EXISTS (
                SELECT 1 FROM boards WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM unfinished_imports WHERE board = $1))
            """, () => new NpgsqlParameter<string> { TypedValue = board.Value });
        await forgetting.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Removes everything stored for the boards <paramref name="boards"/> selects (with its one parameter, made for each
    /// statement), the mark of an unfinished import last: one batch, so one implicit transaction, all or none.
    /// </summary>
    private static NpgsqlBatch Forgetting(NpgsqlConnection connection, string boards, Func<NpgsqlParameter> parameter)
    {
        var batch = new NpgsqlBatch(connection);
        foreach (var (table, column) in Stored)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {table} WHERE {column} IN ({boards})") { Parameters = { parameter() } });
        }

        return batch;
    }
}
