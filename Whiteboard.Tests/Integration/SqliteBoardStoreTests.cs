using Microsoft.Data.Sqlite;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;

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

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
