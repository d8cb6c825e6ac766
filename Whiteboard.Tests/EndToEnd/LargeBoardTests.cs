using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App.Boards;
using Whiteboard.App.Canvas;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>A board whose drawing is too large to send over the circuit: the page downloads it instead.</summary>
public sealed class LargeBoardTests : BoardBrowserTest
{
    private const int Strokes = 40;
    private const int PointsPerStroke = 2000; // 40 x 2,000 points: about 640 KB of commands, above the inline limit
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>A board of horizontal strokes from x 50 to 850, 10 units apart from y 100 down, written before anyone opens it.</summary>
    private async Task<(Uri Address, BoardKey Key)> LargeBoardAsync()
    {
        var author = ParticipantId.New();
        var strokes = Enumerable.Range(0, Strokes).Select(BoardElement (line) => new Stroke(
            Ink.Id($"line{line}"), author, new StrokeStyle("#1e1e1e", 2),
            Enumerable.Range(0, PointsPerStroke).Select(point => new StrokePoint(50 + 800f * point / (PointsPerStroke - 1), 100 + 10 * line, 0.5f)).ToArray(),
            Finished: true)).ToList();
        var board = await App.Services.GetRequiredService<BoardRooms>().CreateBoardAsync(new ImportedBoard("Large", strokes), CancellationToken.None);
        return (new Uri(App.Address, $"/b/{board.EditKey}"), board.EditKey);
    }

    private static async Task SeesEveryStrokeAsync(BoardPage page)
    {
        await page.WaitForInkAtAsync(60, 100);
        await page.WaitForInkAtAsync(840, 100 + 10 * (Strokes - 1));
        Assert.False(await page.HasInkAtAsync(450, 95));
        Assert.False(await page.HasInkAtAsync(450, 100 + 10 * Strokes + 5));
    }

    [Fact]
    public async Task A_board_too_large_for_the_circuit_is_downloaded_once_and_drawn_whole()
    {
        var (address, _) = await LargeBoardAsync();
        var downloads = new List<int>();

        var page = await BoardPage.ReadyAsync(await Browser.OpenAsync(address, prepare: page =>
        {
            page.Response += (_, response) =>
            {
                if (response.Url.Contains(CanvasDownloads.Path, StringComparison.Ordinal))
                {
                    downloads.Add(response.Status);
                }
            };
            return Task.CompletedTask;
        }));

        await SeesEveryStrokeAsync(page);
        Assert.Equal([200], downloads);
    }

    [Fact]
    public async Task When_the_download_fails_the_board_comes_over_the_circuit_instead()
    {
        Browser.ExpectFailedRequests(); // the download is made to fail, which the console reports
        var (address, _) = await LargeBoardAsync();

        var page = await BoardPage.ReadyAsync(await Browser.OpenAsync(address, prepare: page =>
            page.RouteAsync($"**{CanvasDownloads.Path}/**", route => route.AbortAsync())));

        await SeesEveryStrokeAsync(page);
    }

    [Fact]
    public async Task A_stroke_drawn_while_the_board_downloads_is_shown_after_the_board_not_lost_under_it()
    {
        var (address, key) = await LargeBoardAsync();
        var downloading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var strokeArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var late = Ink.Id("late");
        var opened = await Browser.OpenAsync(address, prepare: async page =>
        {
            page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
            {
                if (frame.Binary is { } bytes && Encoding.UTF8.GetString(bytes).Contains(late.Value, StringComparison.Ordinal))
                {
                    strokeArrived.TrySetResult();
                }
            };
            await page.RouteAsync($"**{CanvasDownloads.Path}/**", async route =>
            {
                downloading.TrySetResult();
                await release.Task;
                await route.ContinueAsync();
            });
        });

        // Someone draws while the page is still downloading the board: their stroke reaches the page first.
        await downloading.Task.WaitAsync(Patience);
        await using var other = new BoardSession(
            App.Services.GetRequiredService<BoardRooms>(), App.Services.GetRequiredService<ParticipantTokens>(), TimeProvider.System,
            NullLogger<BoardSession>.Instance);
        Assert.Null(await other.JoinAsync(key, "Other", _ => Task.CompletedTask));
        var drawn = await other.SubmitAsync([
            new BoardMessage("begin", late.Value, Points: [100, 550, 0.5, 400, 550, 0.5], Color: "#1e1e1e", Width: 4),
            new BoardMessage("end", late.Value)]);
        Assert.True(drawn.IsAccepted, drawn.Rejection);
        await strokeArrived.Task.WaitAsync(Patience);
        release.TrySetResult();

        var page = await BoardPage.ReadyAsync(opened);
        await SeesEveryStrokeAsync(page);
        await page.WaitForInkAtAsync(250, 550);
    }

    [Fact]
    public async Task A_batch_is_served_once_and_an_unknown_ticket_is_not_found()
    {
        var downloads = App.Services.GetRequiredService<CanvasDownloads>();
        var ticket = downloads.Offer([1, 2, 3, 4]);
        using var client = App.CreateClient();

        var first = await client.GetAsync(new Uri(CanvasDownloads.AddressOf(ticket), UriKind.Relative));
        var again = await client.GetAsync(new Uri(CanvasDownloads.AddressOf(ticket), UriKind.Relative));
        var withdrawn = downloads.Offer([5]);
        downloads.Withdraw(withdrawn);
        var gone = await client.GetAsync(new Uri(CanvasDownloads.AddressOf(withdrawn), UriKind.Relative));

        Assert.Equal([1, 2, 3, 4], await first.Content.ReadAsByteArrayAsync());
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
    }
}
