using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Bench.Hosting;
using Whiteboard.Tests.Infrastructure;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// The real app on a data folder that is missing, cannot be made, holds a damaged file or a
/// read-only one: it starts, says what is wrong, acknowledges nothing it did not store, and
/// serves what it can.
/// </summary>
public sealed class StoreFailureTests : IDisposable
{
    private readonly string workspace = Directory.CreateTempSubdirectory("whiteboard-store-").FullName;

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(workspace, "*.db", SearchOption.AllDirectories))
        {
            Chattr("-i", file);
        }

        Directory.Delete(workspace, recursive: true);
    }

    private static async Task<string> HomeAsync(RunningApp app)
    {
        using var client = app.CreateClient();
        return await client.GetStringAsync(new Uri("/", UriKind.Relative));
    }

    private static async Task<HttpStatusCode> HealthAsync(RunningApp app)
    {
        using var client = app.CreateClient();
        return (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode;
    }

    /// <summary>Makes a file immutable (or not): even root cannot write it, as with a read-only mount.</summary>
    private static void Chattr(string change, string file)
    {
        var (exitCode, output) = ChildProcess.RunAsync("chattr", [change, file], new Dictionary<string, string>(), null, TimeSpan.FromSeconds(10))
            .GetAwaiter().GetResult();
        Assert.True(exitCode == 0, $"chattr {change} failed: {output}");
    }

    [Fact]
    public async Task A_data_folder_that_does_not_exist_is_made()
    {
        var folder = Path.Combine(workspace, "not", "yet", "here");
        await using var app = await RunningApp.StartAsync(folder);
        using var client = app.CreateClient();

        var created = await client.PostAsync(new Uri("/boards", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.StartsWith("/b/", created.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "whiteboard.db")));
    }

    [Fact]
    public async Task A_data_folder_that_cannot_be_made_is_reported_and_the_app_recovers_once_it_can()
    {
        var blocker = Path.Combine(workspace, "blocker");
        await File.WriteAllTextAsync(blocker, "a file where the data folder's parent should be");
        await using var app = await RunningApp.StartAsync(Path.Combine(blocker, "data"));

        Assert.Contains("The data folder cannot be used", await HomeAsync(app), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await HealthAsync(app));
        using var client = app.CreateClient();
        var refused = await client.PostAsync(new Uri("/boards", UriKind.Relative), null);
        Assert.Equal("/", refused.Headers.Location!.ToString());

        File.Delete(blocker);
        Assert.Equal(HttpStatusCode.OK, await HealthAsync(app));
        Assert.StartsWith("/b/", (await client.PostAsync(new Uri("/boards", UriKind.Relative), null)).Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_database_file_is_reported_and_the_app_keeps_running()
    {
        await File.WriteAllBytesAsync(Path.Combine(workspace, "whiteboard.db"), [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7))]);
        await using var app = await RunningApp.StartAsync(workspace);

        Assert.Contains("The database file is damaged", await HomeAsync(app), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await HealthAsync(app));
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri($"/b/{BoardKey.New()}/export.json", UriKind.Relative))).StatusCode);
        var page = await client.GetAsync(new Uri($"/b/{BoardKey.New()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("The database file is damaged", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_database_file_serves_its_boards_to_watch_and_refuses_every_change_with_the_reason()
    {
        BoardKey key;
        var alice = ParticipantId.New();
        await using (var writable = await RunningApp.StartAsync(workspace))
        {
            var rooms = writable.Services.GetRequiredService<BoardRooms>();
            key = (await rooms.CreateBoardAsync(content: null, CancellationToken.None)).EditKey;
            var (room, drawing) = (await rooms.JoinAsync(key, alice, "Tester", CancellationToken.None))!.Value;
            Assert.True((await room.SubmitAsync(drawing, [Rectangle("kept", 0, 0, 10, 10)], CancellationToken.None)).IsAccepted);
        }

        // Connections kept open by this test process would still be writable: close them, then lock the file.
        SqliteConnection.ClearAllPools();
        Chattr("+i", Path.Combine(workspace, "whiteboard.db"));
        await using var app = await RunningApp.StartAsync(workspace);

        Assert.Contains("read-only", await HomeAsync(app), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await HealthAsync(app));
        using var client = app.CreateClient();
        var export = await client.GetStringAsync(new Uri($"/b/{key}/export.json", UriKind.Relative));
        Assert.Contains("\"kept\"", export, StringComparison.Ordinal);

        var rooms2 = app.Services.GetRequiredService<BoardRooms>();
        var (room2, back) = (await rooms2.JoinAsync(key, alice, "Tester", CancellationToken.None))!.Value;
        var refused = await room2.SubmitAsync(back, [Rectangle("lost", 0, 0, 5, 5)], CancellationToken.None);
        Assert.Contains("read-only", refused.Rejection, StringComparison.Ordinal);
        Assert.DoesNotContain("\"lost\"", await client.GetStringAsync(new Uri($"/b/{key}/export.json", UriKind.Relative)), StringComparison.Ordinal);
        Assert.False((await rooms2.FindAsync(key.Value, CancellationToken.None)) is null);
        await Assert.ThrowsAnyAsync<SqliteException>(() => rooms2.CreateBoardAsync(content: null, CancellationToken.None));
        Assert.Equal(StoreFailure.ReadOnlyFile, await app.Services.GetRequiredService<IBoardStore>().CheckAsync(CancellationToken.None));
    }
}
