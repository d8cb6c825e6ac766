using System.Text.Json;
using Microsoft.Data.Sqlite;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Storage;

/// <summary>
/// The SQLite store's imports: a board being imported has a row in <c>unfinished_imports</c>, and no link opens it
/// (<see cref="SqliteBoardReads"/>) until its import finishes and that row goes. Written by the one writer, in turn
/// with the appends.
/// </summary>
public sealed partial class SqliteBoardStore : IBoardImportStore
{
    /// <summary>When this process opened the file: an import begun before then was left by a stopped process (<see cref="UnfinishedImports"/>).</summary>
    private readonly string opened = SqliteCommands.Time(DateTimeOffset.UtcNow);

    public Task BeginImportAsync(BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken)
    {
        var state = content is null ? null : JsonSerializer.Serialize(content, StoredJson.Options);
        return writer.WriteAsync(async connection =>
        {
            await ForgetImportsBegunBeforeAsync(connection, opened);
            await InsertBoardAsync(connection, board, state);
            await connection.ExecuteAsync("INSERT INTO unfinished_imports (board, started) VALUES ($board, $started)", CancellationToken.None,
                ("$board", board.Id.Value), ("$started", SqliteCommands.Time(DateTimeOffset.UtcNow)));
        }, cancellationToken);
    }

    public Task FinishImportAsync(BoardRecord board, CancellationToken cancellationToken) =>
        writer.WriteAsync(async connection =>
        {
            if (await connection.ScalarAsync("DELETE FROM unfinished_imports WHERE board = $board RETURNING 1", CancellationToken.None,
                ("$board", board.Id.Value)) is null)
            {
                throw new InvalidDataException(UnfinishedImports.Removed);
            }

            await connection.ExecuteAsync("UPDATE boards SET name = $name, changed = $changed WHERE id = $id", CancellationToken.None,
                ("$id", board.Id.Value), ("$name", board.Name), ("$changed", SqliteCommands.Time(board.Changed)));
        }, cancellationToken);

    public Task AbandonImportAsync(BoardId board, CancellationToken cancellationToken) =>
        writer.WriteAsync(async connection =>
        {
            // A finished import is a board like any other; anything else stored for this board is what its import left.
            if (await connection.ScalarAsync(
                "SELECT 1 FROM boards WHERE id = $board AND NOT EXISTS (SELECT 1 FROM unfinished_imports WHERE board = $board)",
                CancellationToken.None, ("$board", board.Value)) is null)
            {
                await ForgetAsync(connection, board.Value);
            }
        }, cancellationToken);

    private static async Task ForgetImportsBegunBeforeAsync(SqliteConnection connection, string before)
    {
        var left = new List<string>();
        await using (var command = connection.Command("SELECT board FROM unfinished_imports WHERE started < $before", ("$before", before)))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                left.Add(reader.GetString(0));
            }
        }

        foreach (var board in left)
        {
            await ForgetAsync(connection, board);
        }
    }

    /// <summary>Everything stored for the board, its row last but one and its mark of an unfinished import last.</summary>
    private static Task ForgetAsync(SqliteConnection connection, string board) =>
        connection.ExecuteAsync("""
            DELETE FROM operations WHERE board = $board;
            DELETE FROM checkpoints WHERE board = $board;
            DELETE FROM images WHERE board = $board;
            DELETE FROM boards WHERE id = $board;
            DELETE FROM unfinished_imports WHERE board = $board;
            """, CancellationToken.None, ("$board", board));
}
