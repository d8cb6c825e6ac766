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
    /// <summary>Where a board's rows are, by the column naming the board, but for its mark of an unfinished import.</summary>
    private static readonly (string Table, string Column)[] Stored =
        [("operations", "board"), ("checkpoints", "board"), ("images", "board"), ("boards", "id")];

    public async Task BeginImportAsync(BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken)
    {
        var state = content is null ? null : JsonSerializer.Serialize(content, StoredJson.Options);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var forgetting = Forgetting(connection, "DELETE FROM unfinished_imports WHERE started < now() - $1 RETURNING board",
            new NpgsqlParameter<TimeSpan> { TypedValue = UnfinishedImports.Abandoned }))
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
        // A finished import is a board like any other: only a board still marked unfinished is what its import left.
        await using var forgetting = Forgetting(connection, "DELETE FROM unfinished_imports WHERE board = $1 RETURNING board",
            new NpgsqlParameter<string> { TypedValue = board.Value });
        await forgetting.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Removes everything stored for the boards whose marks of an unfinished import <paramref name="claim"/> deletes (and
    /// returns): one statement, so all or none, and the marks go first. An import finishing at the same moment on another
    /// instance then either finds its mark gone (and is told so) or has finished before it was claimed.
    /// </summary>
    private static NpgsqlCommand Forgetting(NpgsqlConnection connection, string claim, NpgsqlParameter parameter)
    {
        var deletes = Stored.SkipLast(1).Select((stored, index) =>
            $"d{index} AS (DELETE FROM {stored.Table} WHERE {stored.Column} IN (SELECT board FROM claimed))");
        var (table, column) = Stored[^1];
        return new NpgsqlCommand(
            $"WITH claimed AS ({claim}), {string.Join(", ", deletes)} DELETE FROM {table} WHERE {column} IN (SELECT board FROM claimed)", connection)
        {
            Parameters = { parameter },
        };
    }
}
