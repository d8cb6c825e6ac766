using Whiteboard.Shared.Elements;
using Whiteboard.Bench.Hosting;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// The server goes away while someone draws: what they drew is kept in their browser, and once the
/// server is back the page reloads onto a new circuit and delivers it, once.
/// </summary>
public sealed class ServerRestartTests : AppProcessTest
{
    [Fact]
    public async Task A_stroke_drawn_while_the_server_is_down_is_kept_in_the_browser_and_delivered_once_after_its_restart()
    {
        Uri address;
        BoardPage board;
        using (var app = await AppProcess.StartAsync(DataDirectory))
        {
            address = app.Address;
            board = await Browser.CreateBoardAsync(address);
            await board.DrawAsync([(100, 100), (300, 100)]);
            using var first = new HttpClient { BaseAddress = address };
            await ExportedBoard.WaitForStrokesAsync(first, board.Key, 1);
            await board.WaitForAllAcknowledgedAsync();
            app.Kill();
        }

        await board.WaitForConnectionAsync("reconnecting", "offline");
        await board.DrawAsync([(100, 200), (300, 200)]);
        Assert.True(await board.HasKeptChangesAsync());

        // The new server does not know the old circuit: the page reloads, and sends what it kept.
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        board.Page.Load += (_, _) => reloaded.TrySetResult();
        using var again = await AppProcess.StartAsync(DataDirectory, address);
        using var client = new HttpClient { BaseAddress = address };
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        board = await BoardPage.ReadyAsync(board.Page);
        await board.WaitForInkAtAsync(200, 200);
        var strokes = await ExportedBoard.WaitForStrokesAsync(client, board.Key, 2);
        Assert.Equal((100, 100), FirstPoint(strokes[0]));
        Assert.Equal((100, 200), FirstPoint(strokes[1]));
        Assert.False(await board.HasKeptChangesAsync());

        // Reloading again sends nothing more.
        await board.Page.ReloadAsync();
        board = await BoardPage.ReadyAsync(board.Page);
        await board.WaitForInkAtAsync(200, 200);
        Assert.Equal(2, (await ExportedBoard.ReadAsync(client, board.Key)).Count);
    }

    private static (float X, float Y) FirstPoint(BoardElement stroke) =>
        Assert.IsType<Stroke>(stroke).Points.Span[0] is var first ? (first.X, first.Y) : default;
}
