using System.Globalization;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>The laser pointer: a trail that follows a presenter's pointer on everyone's screen, fades, and is never kept.</summary>
public sealed class LaserTests : BoardBrowserTest
{
    private const float Row = 300; // the board's row the presenter moves along

    [Fact]
    public async Task A_presenters_laser_trail_shows_on_the_peer_while_they_move_is_gone_soon_after_they_stop_and_is_not_exported()
    {
        var presenter = await CreateBoardAsync();
        var peer = await JoinAsync(presenter);
        await presenter.WaitForParticipantCountAsync(2);

        await presenter.Page.Keyboard.PressAsync("k");
        await presenter.Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=tool-laser]').getAttribute('aria-pressed') === 'true'");

        // The presenter presses and moves to and fro along a row until the peer shows a trail along it, not a dot.
        var box = (await presenter.Surface.BoundingBoxAsync())!;
        var (x, step) = (100f, 4f);
        await presenter.Page.Mouse.MoveAsync(box.X + x, box.Y + Row);
        await presenter.Page.Mouse.DownAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await LaserSpanAsync(peer) < 40)
        {
            Assert.True(DateTime.UtcNow < deadline, "the peer showed no laser trail while the presenter moved for 10 s");
            step = x + step is < 100 or > 500 ? -step : step;
            x += step;
            await presenter.Page.Mouse.MoveAsync(box.X + x, box.Y + Row);
        }

        Assert.True(await LaserSpanAsync(presenter) >= 40, "the presenter does not see their own trail");

        // While the trail shows, the peer's picture of the board has none of it.
        var exported = await peer.Page.EvaluateAsync<int[]>($$"""
            async () => {
                const wet = document.querySelector('[data-testid=board-wet]');
                const data = wet.getContext('2d').getImageData(0, 0, wet.width, wet.height).data;
                let at = -1;
                for (let i = 0; i < data.length && at < 0; i += 4) if (data[i + 3] > 200 && data[i] > 200 && data[i + 1] < 120) at = i / 4;
                const url = await {{Whiteboard}}.exportPng(null);
                const picture = new Image();
                picture.src = url;
                await picture.decode();
                URL.revokeObjectURL(url);
                const canvas = new OffscreenCanvas(picture.naturalWidth, picture.naturalHeight);
                canvas.getContext('2d').drawImage(picture, 0, 0);
                return [at, ...canvas.getContext('2d').getImageData(at % wet.width, Math.floor(at / wet.width), 1, 1).data];
            }
            """);
        Assert.True(exported[0] >= 0, "the trail faded before the export");
        Assert.Equal([255, 255, 255, 255], exported[1..]);

        // The presenter holds still, the button down: within a couple of seconds the trail is gone on both screens.
        await WaitForNoLaserAsync(peer);
        await WaitForNoLaserAsync(presenter);
        await presenter.Page.Mouse.UpAsync();

        using var client = App.CreateClient();
        Assert.Empty(await ExportedBoard.ReadAsync(client, presenter.Key));
        Assert.False(await peer.HasInkAtAsync(x, Row));
    }

    private const string Whiteboard = "document.querySelector('[data-testid=board-surface]').whiteboard";

    /// <summary>
    /// How far the laser's bright red reaches along <see cref="Row"/> on a page's overlay (the "wet" layer over the
    /// published canvas), in screen pixels; -1 when there is none.
    /// </summary>
    private static Task<double> LaserSpanAsync(BoardPage page) =>
        page.Page.EvaluateAsync<double>(string.Create(CultureInfo.InvariantCulture, $$"""
            () => {
                const canvas = document.querySelector('[data-testid=board-wet]');
                const ratio = canvas.width / canvas.getBoundingClientRect().width;
                const data = canvas.getContext('2d').getImageData(0, Math.round(({{Row}} - 10) * ratio), canvas.width, Math.round(20 * ratio)).data;
                let [min, max] = [Infinity, -Infinity];
                for (let i = 0; i < data.length; i += 4) {
                    if (data[i + 3] > 60 && data[i] > 200 && data[i + 1] < 120 && data[i + 2] < 120) {
                        const x = (i / 4) % canvas.width / ratio;
                        [min, max] = [Math.min(min, x), Math.max(max, x)];
                    }
                }
                return min === Infinity ? -1 : max - min;
            }
            """));

    /// <summary>Waits, at most 3 s, until nothing at all is painted on a page's overlay.</summary>
    private static Task WaitForNoLaserAsync(BoardPage page) =>
        page.Page.WaitForFunctionAsync("""
            () => {
                const canvas = document.querySelector('[data-testid=board-wet]');
                const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                for (let i = 3; i < data.length; i += 4) if (data[i] > 0) return false;
                return true;
            }
            """, null, new() { Timeout = 3_000, PollingInterval = 100 });
}
