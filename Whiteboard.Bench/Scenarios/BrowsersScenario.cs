using System.Text.Json;
using HdrHistogram;
using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Load;
using Whiteboard.Bench.Measure;

namespace Whiteboard.Bench.Scenarios;

/// <summary>
/// Peer: from the drawer's pointer event to the segment stroked on a peer's canvas, over every peer.
/// Wet ink: from the drawer's pointer event to the start of the frame that shows it on their own canvas.
/// Missing: segments some peer never drew within the wait. Cpu: who used the cores while it was timed.
/// </summary>
public sealed record BrowsersResult(int Pages, int Points, HistogramBase Peer, HistogramBase WetInk, long Missing, CpuShares Cpu);

/// <summary>
/// <c>browsers</c>: <c>pages</c> headless Chromium pages on one board of an app this scenario starts
/// (or at a URL), driven over the DevTools protocol (<see cref="DevToolsBrowser"/>); the first draws at
/// 60 pointer moves a second (input dispatched through the browser's own input pipeline), the others
/// watch. Timestamps are taken in the pages, on this machine's one clock: the drawer's pointer events
/// (their own timestamp) and each peer's canvas strokes (its <c>stroke()</c> calls, watched by a script
/// added to the page).
/// </summary>
public static class BrowsersScenario
{
    private const int PointsPerLine = 250;
    private const int Step = 2; // pixels between points: each point lands on its own whole-pixel spot
    private const int LineSpacing = 20; // pixels
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(60);

    // The drawer's page: each pointer move with a button down, in board units (the view starts at 100 %
    // at the origin), its time, and the start of the next frame (which shows the wet ink drawn meanwhile).
    private const string WatchPointer = """
        () => {
            const surface = document.querySelector('[data-testid=board-surface]');
            const moves = window.benchMoves = [];
            surface.addEventListener('pointermove', e => {
                if (!e.buttons) return;
                const rect = surface.getBoundingClientRect();
                // Rounded as the app rounds a board point (to hundredths) and then to a whole pixel, as the
                // peers' keys are: 122.497 is 122.5 on the board, so 123 on a peer, not 122.
                const key = v => Math.round(Math.round(v * 100) / 100);
                const move = [key(e.clientX - rect.left) + ',' + key(e.clientY - rect.top), performance.timeOrigin + e.timeStamp, 0];
                moves.push(move);
                requestAnimationFrame(() => { move[2] = performance.timeOrigin + performance.now(); });
            }, { capture: true });
        }
        """;

    // A peer's page: the first time each board point is stroked on the published ("dry") canvas.
    private const string WatchCanvas = """
        () => {
            const drawn = window.benchDrawn = new Map();
            const pending = [];
            const { lineTo, stroke } = CanvasRenderingContext2D.prototype;
            CanvasRenderingContext2D.prototype.lineTo = function (x, y) {
                if (this.canvas.classList.contains('board-dry')) pending.push(Math.round(x) + ',' + Math.round(y));
                return lineTo.call(this, x, y);
            };
            CanvasRenderingContext2D.prototype.stroke = function (...path) {
                const result = stroke.apply(this, path);
                const now = performance.timeOrigin + performance.now();
                for (const key of pending) if (!drawn.has(key)) drawn.set(key, now);
                pending.length = 0;
                return result;
            };
        }
        """;

    /// <summary>
    /// Runs the scenario; with a <paramref name="delay"/>, every page reaches the server through a link that
    /// holds each byte that long each way (<see cref="DelayedLink"/>), as over a network. The drawer first draws
    /// for <paramref name="warmUp"/>, not timed: in its first half minute under this load a newly started server
    /// spends most of its CPU time in the runtime, compiling the code that pages and ink take (perf), which a
    /// classroom's server, up for hours, has long done.
    /// </summary>
    public static async Task<BrowsersResult> RunAsync(int pages, TimeSpan warmUp, TimeSpan length, TimeSpan delay, Uri? url, Action<string> progress)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pages, 2);
        var dataDirectory = Directory.CreateTempSubdirectory("whiteboard-bench-").FullName;
        AppProcess? server = null;
        try
        {
            server = url is null ? await AppProcess.StartAsync(dataDirectory) : null;
            var address = url ?? server!.Address;
            var key = await NewBoard.CreateAsync(address);
            await using var link = delay > TimeSpan.Zero ? DelayedLink.Start(address, delay) : null;
            await using var browser = await DevToolsBrowser.LaunchAsync();
            var people = new List<DevToolsPage>();
            for (var person = 0; person < pages; person++)
            {
                var page = await browser.NewPersonAsync();
                await page.OpenBoardAsync(link?.Address ?? address, key, PageTimeout);
                await page.EvaluateAsync($"({(person == 0 ? WatchPointer : WatchCanvas)})()");
                people.Add(page);
            }

            var drawer = people[0];
            var line = 0;
            if (warmUp > TimeSpan.Zero)
            {
                progress($"  {pages} pages open; drawing for {warmUp.TotalSeconds:0} s to warm up");
                (_, line) = await DrawAsync(drawer, warmUp, line);
                await drawer.EvaluateAsync("window.benchMoves.length = 0");
            }

            progress($"  drawing for {length.TotalSeconds:0} s, timed");
            var counting = CpuShares.Start(browser.ProcessId, server?.ProcessId);
            var (points, _) = await DrawAsync(drawer, length, line);
            var cpu = counting();
            var moves = (await drawer.EvaluateAsync("window.benchMoves")).EnumerateArray()
                .Select(move => (Key: move[0].GetString()!, At: move[1].GetDouble(), Frame: move[2].GetDouble())).ToList();

            var peer = Latencies.NewHistogram();
            var wetInk = Latencies.NewHistogram();
            foreach (var move in moves.Where(move => move.Frame > 0))
            {
                wetInk.Record(TimeSpan.FromMilliseconds(move.Frame - move.At));
            }

            long missing = 0;
            var keys = JsonSerializer.Serialize(moves.Select(move => move.Key));
            foreach (var page in people.Skip(1))
            {
                // Every segment reaches every peer, or the wait ends and those not drawn count as missing.
                await page.WaitForAsync($"{keys}.every(key => window.benchDrawn.has(key))", TimeSpan.FromSeconds(15));
                var drawn = (await page.EvaluateAsync("Object.fromEntries(window.benchDrawn)")).EnumerateObject()
                    .ToDictionary(point => point.Name, point => point.Value.GetDouble());
                foreach (var (move, index) in moves.Select((move, index) => (move, index)))
                {
                    if (drawn.TryGetValue(move.Key, out var at))
                    {
                        peer.Record(TimeSpan.FromMilliseconds(Math.Max(0, at - move.At)));
                    }
                    else
                    {
                        missing++;
                        progress($"  never drawn on a peer: move {index + 1} of {moves.Count}, at {move.Key}");
                    }
                }
            }

            return new BrowsersResult(pages, points, peer, wetInk, missing, cpu);
        }
        finally
        {
            server?.Dispose();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Lines of <see cref="PointsPerLine"/> points from line <paramref name="firstLine"/> down, a move every
    /// 1/60 s on a fixed schedule (open loop: a move leaves on time whether or not the browser has handled the
    /// last); returns the moves made and the line after the last drawn, where no point has been yet. A
    /// button is pressed or released only once the browser has every move before it, and moves follow only
    /// once it has the press, as with a hand: on a busy machine a release sent while moves were still on their
    /// way once overtook them, and they reached the page after it with the button still held.
    /// </summary>
    private static async Task<(int Points, int NextLine)> DrawAsync(DevToolsPage page, TimeSpan length, int firstLine)
    {
        var surface = await page.EvaluateAsync(
            "(() => { const box = document.querySelector('[data-testid=board-surface]').getBoundingClientRect(); return [box.x, box.y]; })()");
        var (left, top) = (surface[0].GetDouble() + 40, surface[1].GetDouble() + 40 + (LineSpacing * firstLine));
        var (x, y, inLine, points, lines) = (left, top, 0, 0, 1);
        await PressAtAsync(page, x, y);
        var input = new List<Task>();
        var schedule = new FixedSchedule(FixedSchedule.SixtyHertz, TimeProvider.System);
        while (schedule.Elapsed < length)
        {
            if (inLine == PointsPerLine)
            {
                await Task.WhenAll(input);
                await page.ReleaseMouseAsync(x, y);
                (x, y, inLine, lines) = (left, y + LineSpacing, 0, lines + 1);
                await PressAtAsync(page, x, y);
            }

            x += Step;
            inLine++;
            points++;
            input.Add(page.MoveMouseAsync(x, y, pressed: true));
            await schedule.WaitForTickAsync(points);
        }

        await Task.WhenAll(input);
        await page.ReleaseMouseAsync(x, y);
        return (points, firstLine + lines);
    }

    private static async Task PressAtAsync(DevToolsPage page, double x, double y)
    {
        await page.MoveMouseAsync(x, y, pressed: false);
        await page.PressMouseAsync(x, y);
    }
}
