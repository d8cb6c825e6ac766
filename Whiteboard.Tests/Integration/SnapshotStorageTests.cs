using System.Text.Json;
using Microsoft.Data.Sqlite;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.Tests.Integration;

/// <summary>The SQLite file's snapshots: points kept exactly, snapshots of earlier builds still read, damage refused.</summary>
public sealed class SnapshotStorageTests : IAsyncDisposable
{
    private static readonly float[] Awkward = [0.1f, -123.456f, 0.5f, 1e-7f, 999_999.9f, 1f, -0f, 3.4028e5f, 0f];

    private readonly string dataDirectory = Directory.CreateTempSubdirectory("whiteboard-snapshot-").FullName;
    private readonly SqliteBoardStore store;
    private readonly BoardRecord board = new(BoardId.New(), "Snapshot", BoardKey.New(), BoardKey.New(), DateTimeOffset.UnixEpoch);

    public SnapshotStorageTests() => store = new SqliteBoardStore(Path.Combine(dataDirectory, "whiteboard.db"));

    public async ValueTask DisposeAsync()
    {
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }

    private static BoardStateRecord StrokeOf(float[] points) =>
        new(BoardStateRecord.CurrentVersion, [new ElementRecord("stroke", "s", points, "#000000", 4, Author: ParticipantId.New().Value)], [], []);

    private async Task<float[]> LoadedPointsAsync()
    {
        var loaded = await store.LoadAsync(board.Id, CancellationToken.None);
        var stroke = Assert.IsType<Stroke>(Assert.Single(BoardState.Restore(loaded.Snapshot).Value!.Elements()));
        return ElementRecord.Flatten(stroke.Points.Span);
    }

    private async Task StoreTextAsync(string state)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "whiteboard.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE snapshots SET state = $state WHERE board = $board";
        command.Parameters.AddWithValue("$state", state);
        command.Parameters.AddWithValue("$board", board.Id.Value);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task Points_come_back_exactly_as_they_were_stored()
    {
        await store.CreateBoardAsync(board, StrokeOf(Awkward), CancellationToken.None);

        Assert.Equal(Awkward, await LoadedPointsAsync());
    }

    [Fact]
    public async Task A_snapshot_written_with_number_lists_by_an_earlier_build_still_loads()
    {
        await store.CreateBoardAsync(board, StrokeOf([1, 2, 0.5f]), CancellationToken.None);
        await StoreTextAsync(JsonSerializer.Serialize(StrokeOf(Awkward), new JsonSerializerOptions(JsonSerializerDefaults.Web)));

        Assert.Equal(Awkward, await LoadedPointsAsync());
    }

    [Theory]
    [InlineData("\"AAA=\"")] // two bytes: not a whole 32-bit float
    [InlineData("\"not base64!\"")]
    [InlineData("[1, \"2\", 3]")]
    [InlineData("{}")]
    public async Task A_snapshot_with_damaged_points_is_refused_as_damaged(string points)
    {
        await store.CreateBoardAsync(board, StrokeOf([1, 2, 0.5f]), CancellationToken.None);
        await StoreTextAsync($$"""{"version":1,"elements":[{"type":"stroke","id":"s","points":{{points}},"color":"#000000","width":4,"author":"abc"}]}""");

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => store.LoadAsync(board.Id, CancellationToken.None));
        Assert.Contains("its stored snapshot is damaged", refused.Message, StringComparison.Ordinal);
    }
}
