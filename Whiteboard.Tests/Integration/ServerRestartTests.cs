using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Bench.Hosting;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// The server goes away while someone draws: what they drew is kept in their browser, and once the
/// server is back the page reloads onto a new circuit and delivers it, once.
/// </summary>
public sealed class ServerRestartTests : IAsyncLifetime
{
    private const string OutboxScript = "() => Object.keys(localStorage).find(key => key.startsWith('whiteboard.outbox.')) ?? null";
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("whiteboard-restart-").FullName;
    private Browser browser = null!;

    public async Task InitializeAsync() => browser = await Browser.LaunchAsync();

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task A_stroke_drawn_while_the_server_is_down_is_kept_in_the_browser_and_delivered_once_after_its_restart()
    {
        Uri address;
        BoardPage board;
        using (var app = await AppProcess.StartAsync(dataDirectory))
        {
            address = app.Address;
            var page = await browser.OpenAsync(address);
            await page.GetByTestId("new-board").ClickAsync();
            board = await BoardPage.ReadyAsync(page);
            await board.DrawAsync([(100, 100), (300, 100)]);
            await WaitForStrokesAsync(address, board, 1);
            app.Kill();
        }

        await board.WaitForConnectionAsync("reconnecting", "offline");
        await board.DrawAsync([(100, 200), (300, 200)]);
        Assert.NotNull(await board.Page.EvaluateAsync<string?>(OutboxScript));

        // The new server does not know the old circuit: the page reloads, and sends what it kept.
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        board.Page.Load += (_, _) => reloaded.TrySetResult();
        using var again = await AppProcess.StartAsync(dataDirectory, address);
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        board = await BoardPage.ReadyAsync(board.Page);
        await board.WaitForInkAtAsync(200, 200);
        var strokes = await WaitForStrokesAsync(address, board, 2);
        Assert.Equal((100, 100), FirstPoint(strokes[0]));
        Assert.Equal((100, 200), FirstPoint(strokes[1]));
        Assert.Null(await board.Page.EvaluateAsync<string?>(OutboxScript));

        // Reloading again sends nothing more.
        await board.Page.ReloadAsync();
        board = await BoardPage.ReadyAsync(board.Page);
        await board.WaitForInkAtAsync(200, 200);
        Assert.Equal(2, (await ExportAsync(address, board)).Count);
    }

    private static (float X, float Y) FirstPoint(BoardElement stroke) =>
        Assert.IsType<Stroke>(stroke).Points.Span[0] is var first ? (first.X, first.Y) : default;

    private static async Task<IReadOnlyList<BoardElement>> ExportAsync(Uri address, BoardPage board)
    {
        using var client = new HttpClient { BaseAddress = address };
        var file = await client.GetByteArrayAsync(new Uri($"{new Uri(board.Page.Url).AbsolutePath}/export.json", UriKind.Relative));
        var exported = ImportedBoard.Read(file, ParticipantId.New());
        Assert.True(exported.IsValid, exported.Error);
        return exported.Value!.Elements;
    }

    /// <summary>Waits until the board holds this many elements, all strokes; fails at once on more.</summary>
    private static async Task<IReadOnlyList<BoardElement>> WaitForStrokesAsync(Uri address, BoardPage board, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var elements = await ExportAsync(address, board);
            Assert.True(elements.Count <= count, $"the board holds {elements.Count} elements; {count} strokes were drawn");
            if (elements.Count == count)
            {
                Assert.All(elements, element => Assert.IsType<Stroke>(element));
                return elements;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }
}
