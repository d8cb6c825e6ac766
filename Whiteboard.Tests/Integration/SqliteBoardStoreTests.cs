using Microsoft.Data.Sqlite;
using SkiaSharp;
using Whiteboard.App.Images;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
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
        command.CommandText = "UPDATE snapshots SET state = $state WHERE board = $board";
        command.Parameters.AddWithValue("$state", state);
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
            command.CommandText = "DROP TABLE images; PRAGMA user_version = 1;";
            await command.ExecuteNonQueryAsync();
        }

        var upgraded = await OpenStoreAsync();
        var png = TestImages.Png(4, 4, SKColors.Red);

        Assert.Equal("From schema 1", (await upgraded.FindAsync(board.Id, CancellationToken.None))?.Name);
        Assert.Equal(ImageKept.Kept, await ((IBoardImageStore)upgraded).KeepImageAsync(
            board.Id, new BoardImage(ImageHash.Of(png), "image/png", 4, 4, png), 1_000_000, CancellationToken.None));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
