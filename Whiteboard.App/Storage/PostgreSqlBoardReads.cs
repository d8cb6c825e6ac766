using System.Data;
using System.Text;
using Npgsql;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Storage;

/// <summary>
/// What the PostgreSQL store reads: a board by its key or id (an imported one once its import has finished), and a
/// board's snapshot and the operations after it, seen at one moment. Operations are read back through the same
/// validator as a client's messages, so a damaged row cannot load.
/// </summary>
internal sealed class PostgreSqlBoardReads(PostgreSqlDatabase database)
{
    public Task<BoardRecord?> FindAsync(BoardKey key, CancellationToken cancellationToken) =>
        FindWhereAsync("edit_key = $1 OR view_key = $1", key.Value, cancellationToken);

    public Task<BoardRecord?> FindAsync(BoardId board, CancellationToken cancellationToken) =>
        FindWhereAsync("id = $1", board.Value, cancellationToken);

    private async Task<BoardRecord?> FindWhereAsync(string condition, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            // A board being imported is not there yet for anyone (IBoardImportStore).
            $"""
            SELECT id, name, edit_key, view_key, changed FROM boards
            WHERE ({condition}) AND NOT EXISTS (SELECT 1 FROM unfinished_imports WHERE unfinished_imports.board = boards.id)
            """, connection)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = value } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return StoredRows.Board(reader, reader.GetFieldValue<DateTimeOffset>(4));
    }

    public async Task<StoredBoard> LoadAsync(BoardId board, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // One moment's view of the board: a snapshot written meanwhile would otherwise drop operations between the two reads.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        long snapshotSequence = 0;
        BoardStateRecord? snapshot = null;
        await using (var command = new NpgsqlCommand("SELECT sequence, state FROM checkpoints WHERE board = $1 ORDER BY sequence DESC LIMIT 1", connection, transaction)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = board.Value } },
        })
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                snapshotSequence = reader.GetInt64(0);
                snapshot = StoredJson.Deserialize<BoardStateRecord>(Encoding.UTF8.GetBytes(reader.GetString(1)),
                    $"Board {board}: its stored snapshot is damaged.");
            }
        }

        var operations = new List<StoredOperation>();
        await using (var command = new NpgsqlCommand(
            "SELECT sequence, author, message, name, color FROM operations WHERE board = $1 AND sequence > $2 ORDER BY sequence", connection, transaction)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = board.Value }, new NpgsqlParameter<long> { TypedValue = snapshotSequence } },
        })
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                operations.Add(StoredRows.Operation(board, reader.GetInt64(0), reader.GetString(1), Encoding.UTF8.GetBytes(reader.GetString(2)),
                    StoredRows.Seated(reader, 3)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new StoredBoard(snapshotSequence, snapshot, operations);
    }
}
