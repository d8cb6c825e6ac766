using System.Globalization;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Storage;

/// <summary>
/// What the SQLite store reads: a board by its key or id (an imported one once its import has finished), and a
/// board's snapshot and the operations after it. Reads take no lock from the writer (WAL). Operations are read back
/// through the same validator as a client's messages, so a damaged row cannot load.
/// </summary>
internal sealed class SqliteBoardReads(SqliteDatabase database)
{
    public Task<BoardRecord?> FindAsync(BoardKey key, CancellationToken cancellationToken) =>
        FindWhereAsync("edit_key = $value OR view_key = $value", key.Value, cancellationToken);

    public Task<BoardRecord?> FindAsync(BoardId board, CancellationToken cancellationToken) =>
        FindWhereAsync("id = $value", board.Value, cancellationToken);

    private async Task<BoardRecord?> FindWhereAsync(string condition, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            // A board being imported is not there yet for anyone (IBoardImportStore).
            $"""
            SELECT id, name, edit_key, view_key, changed FROM boards
            WHERE ({condition}) AND NOT EXISTS (SELECT 1 FROM unfinished_imports WHERE unfinished_imports.board = boards.id)
            """, ("$value", value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return StoredRows.Board(reader, DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
    }

    public async Task<StoredBoard> LoadAsync(BoardId board, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Deferred: a read, which in WAL mode never holds up the writer (an immediate one would, for the whole load).
        await using var transaction = connection.BeginTransaction(deferred: true);
        long snapshotSequence = 0;
        BoardStateRecord? snapshot = null;
        await using (var command = connection.Command("SELECT sequence, state FROM checkpoints WHERE board = $board ORDER BY sequence DESC LIMIT 1", ("$board", board.Value)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                snapshotSequence = reader.GetInt64(0);
                // As the stored UTF-8 bytes: a large board's snapshot is tens of megabytes, not worth a string.
                snapshot = StoredJson.Deserialize<BoardStateRecord>(reader.GetFieldValue<byte[]>(1), $"Board {board}: its stored snapshot is damaged.");
            }
        }

        var operations = new List<StoredOperation>();
        await using (var command = connection.Command(
            "SELECT sequence, author, message, name, color FROM operations WHERE board = $board AND sequence > $after ORDER BY sequence",
            ("$board", board.Value), ("$after", snapshotSequence)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                operations.Add(StoredRows.Operation(board, reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2),
                    StoredRows.Seated(reader, 3)));
            }
        }

        return new StoredBoard(snapshotSequence, snapshot, operations);
    }
}
