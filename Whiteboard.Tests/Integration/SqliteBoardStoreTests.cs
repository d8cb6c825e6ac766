using System.Globalization;
using Microsoft.Data.Sqlite;
using SkiaSharp;
using Whiteboard.App.Images;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>The store contract on the SQLite file, in a data folder of each test's own.</summary>
public sealed class SqliteBoardStoreTests : BoardStoreContract
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("whiteboard-store-").FullName;

    private string DatabasePath => Path.Combine(dataDirectory, "whiteboard.db");

    protected override Task<IBoardStore> CreateStoreAsync() => Task.FromResult<IBoardStore>(new SqliteBoardStore(DatabasePath));

    protected override async Task StoreSnapshotTextAsync(BoardId board, string state)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE checkpoints SET state = $state WHERE board = $board";
        command.Parameters.AddWithValue("$state", state);
        command.Parameters.AddWithValue("$board", board.Value);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    protected override async Task<long> CountRowsAsync(BoardId? board = null)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM boards WHERE $board IS NULL OR id = $board)
                + (SELECT count(*) FROM operations WHERE $board IS NULL OR board = $board)
                + (SELECT count(*) FROM checkpoints WHERE $board IS NULL OR board = $board)
                + (SELECT count(*) FROM images WHERE $board IS NULL OR board = $board)
                + (SELECT count(*) FROM unfinished_imports WHERE $board IS NULL OR board = $board)
            """;
        command.Parameters.AddWithValue("$board", (object?)board?.Value ?? DBNull.Value);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    protected override async Task BackdateImportAsync(BoardId board, TimeSpan by)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE unfinished_imports SET started = $started WHERE board = $board";
        command.Parameters.AddWithValue("$started", (DateTimeOffset.UtcNow - by).UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$board", board.Value);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task A_file_from_before_images_is_brought_up_to_date_and_keeps_its_boards()
    {
        var board = NewBoard("From schema 1");
        await Store.CreateBoardAsync(board, content: null, CancellationToken.None);
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = BackToSchemaTwo + "DROP TABLE images; PRAGMA user_version = 1;";
            await command.ExecuteNonQueryAsync();
        }

        var upgraded = await OpenStoreAsync();
        var png = TestImages.Png(4, 4, SKColors.Red);

        Assert.Equal("From schema 1", (await upgraded.FindAsync(board.Id, CancellationToken.None))?.Name);
        Assert.Equal(ImageKept.Kept, await ((IBoardImageStore)upgraded).KeepImageAsync(
            board.Id, new BoardImage(ImageHash.Of(png), "image/png", 4, 4, png), 1_000_000, CancellationToken.None));
    }

    [Fact]
    public async Task A_file_from_before_the_whole_history_keeps_its_operations_and_its_snapshot_as_the_first_checkpoint()
    {
        // A board as schema 2 kept it: a snapshot at 20, the operations before it dropped, those after it without times.
        var board = NewBoard("From schema 2");
        var author = ParticipantId.New();
        await Store.CreateBoardAsync(board, content: null, CancellationToken.None);
        var state = new BoardState();
        for (var sequence = 1; sequence <= 25; sequence++)
        {
            var operation = new StoredOperation(sequence, author, Ink.Rectangle($"r{sequence}", sequence, 0, sequence + 5, 5));
            state.Apply(author, operation.Operation);
            await Store.AppendAsync(board.Id, [operation], DateTimeOffset.UnixEpoch, CancellationToken.None);
            if (sequence == 20)
            {
                await Store.SaveSnapshotAsync(board.Id, 20, state.Capture(), CancellationToken.None);
            }
        }

        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM operations WHERE sequence <= 20;" + BackToSchemaTwo;
            await command.ExecuteNonQueryAsync();
        }

        var upgraded = (IBoardHistoryStore)await OpenStoreAsync();

        Assert.Equal(new HistorySpan(20, 25), await upgraded.ReadSpanAsync(board.Id, CancellationToken.None));
        Assert.Equal(20, (await upgraded.ReadCheckpointAsync(board.Id, 22, CancellationToken.None))?.Sequence);
        var after = await upgraded.ReadOperationsAsync(board.Id, 20, 25, CancellationToken.None);
        Assert.Equal([21L, 22L, 23L, 24L, 25L], after.Select(operation => operation.Operation.Sequence));
        Assert.All(after, operation => Assert.Null(operation.At));
        var loaded = await ((IBoardStore)upgraded).LoadAsync(board.Id, CancellationToken.None);
        Assert.Equal(20, BoardState.Restore(loaded.Snapshot).Value!.Elements().Count);
        Assert.Equal(5, loaded.Operations.Count);
    }

    /// <summary>
    /// Turns this file's tables back into schema 2's: one snapshot a board, operations without times or authors' names, no
    /// unfinished imports.
    /// </summary>
    private const string BackToSchemaTwo = """
        DROP TABLE unfinished_imports;
        CREATE TABLE snapshots (board TEXT PRIMARY KEY, sequence INTEGER NOT NULL, state TEXT NOT NULL);
        INSERT INTO snapshots (board, sequence, state) SELECT board, max(sequence), state FROM checkpoints GROUP BY board;
        DROP TABLE checkpoints;
        ALTER TABLE operations DROP COLUMN at;
        ALTER TABLE operations DROP COLUMN name;
        ALTER TABLE operations DROP COLUMN color;
        PRAGMA user_version = 2;
        """;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
