using System.Text.Json;
using System.Text.Json.Serialization;
using HdrHistogram;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Whiteboard.App;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Load;
using Whiteboard.Bench.Measure;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;

namespace Whiteboard.Bench.Scenarios;

/// <summary>
/// Ready: from navigation to the frame that shows the board drawn and ready for input, on the page's own
/// clock: an empty board's (what the page, its scripts and the circuit take alone), the large board's
/// first open (the server loads it) and later ones. The app has served one empty board's page before,
/// so its own start-up is in none of them. Frames, while the view pans and zooms at 60 wheel events a
/// second, zoomed out until the whole board is in view: the time between frames, and each frame's work,
/// from its start to the end of the page's rendering of it (input, script, style, layout, the canvas's
/// drawing); the same on the empty board shows what the browser, on this machine, takes with nothing to draw.
/// </summary>
public sealed record LargeBoardResult(
    int Elements, long Points, TimeSpan EmptyReady, TimeSpan FirstReady, IReadOnlyList<TimeSpan> LaterReady, FrameTimes Frames,
    FrameTimes EmptyFrames);

/// <summary>
/// Frame times while panning and zooming. <see cref="Between"/> cannot go under a 60 Hz display's 16.7 ms;
/// <see cref="Work"/> is what a frame costs, which must stay within those 16.7 ms for none to be dropped.
/// </summary>
public sealed record FrameTimes(HistogramBase Between, HistogramBase Work);

/// <summary>
/// <c>large-board</c>: a board of <c>elements</c> strokes of <c>points</c> points each (10,000 x 100:
/// a million points), written to the store before the app starts, then opened in headless Chromium.
/// </summary>
public static class LargeBoardScenario
{
    private const float Cell = 100; // board units per stroke, in a square grid
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(120);

    // Added to each page before it loads: the page's own clock (0 at navigation) at the first frame after
    // the board is marked ready, which is the frame that shows it.
    private const string WatchReady = $$"""
        new MutationObserver((changes, observer) => {
            if (document.querySelector('{{HeadlessChromium.BoardReadySelector}}')) {
                observer.disconnect();
                requestAnimationFrame(() => { window.benchReady = performance.now(); });
            }
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
        """;

    // Records, for every frame from now on until the page is asked for them, when its callbacks began to run,
    // and its work: from the frame's own start (the time every callback of the frame is given) to the end of
    // the page's rendering of it, which a message posted from the frame's callbacks runs after. Asked for
    // them, the page stops watching and answers once the last frame's message is in: a port delivers its
    // messages in order, and on a busy machine the last few can still be waiting.
    private const string WatchFrames = """
        () => {
            const frames = { starts: [], work: [] };
            const rendered = new MessageChannel();
            let [begun, frame, answer] = [0, 0, null];
            rendered.port1.onmessage = message => message.data ? answer(JSON.stringify(frames)) : frames.work.push(performance.now() - begun);
            const next = time => {
                frames.starts.push(performance.now());
                begun = time;
                rendered.port2.postMessage(0);
                frame = requestAnimationFrame(next);
            };
            frame = requestAnimationFrame(next);
            window.benchFrames = () => new Promise(resolve => {
                cancelAnimationFrame(frame);
                answer = resolve;
                rendered.port2.postMessage(1);
            });
        }
        """;

    public static async Task<LargeBoardResult> RunAsync(int elements, int pointsPerElement, int opens, Action<string> progress)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("whiteboard-bench-").FullName;
        try
        {
            var key = await WriteBoardAsync(dataDirectory, elements, pointsPerElement);
            progress($"  {elements:N0} strokes, {(long)elements * pointsPerElement:N0} points written");
            using var server = await AppProcess.StartAsync(dataDirectory);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await HeadlessChromium.LaunchAsync(playwright);
            await (await OpenAsync(browser, server.Address, await NewBoard.CreateAsync(server.Address))).Page.Context.CloseAsync();
            var (empty, emptyReady) = await OpenAsync(browser, server.Address, await NewBoard.CreateAsync(server.Address));
            var emptyFrames = await PanAndZoomAsync(empty);
            await empty.Context.CloseAsync();
            progress($"  an empty board: ready in {emptyReady.TotalMilliseconds:N0} ms");

            var readies = new List<TimeSpan>();
            IPage? page = null;
            for (var open = 0; open < Math.Max(1, opens); open++)
            {
                if (page is not null)
                {
                    await page.Context.CloseAsync();
                }

                (page, var ready) = await OpenAsync(browser, server.Address, key);
                readies.Add(ready);
                progress($"  open {open + 1}: ready in {ready.TotalMilliseconds:N0} ms");
            }

            var frames = await PanAndZoomAsync(page!);
            return new LargeBoardResult(elements, (long)elements * pointsPerElement, emptyReady, readies[0], readies[1..], frames, emptyFrames);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>Opens a board in a new person's page; returns the page and when it showed the board ready, on its clock.</summary>
    private static async Task<(IPage Page, TimeSpan Ready)> OpenAsync(IBrowser browser, Uri address, string key)
    {
        var page = await HeadlessChromium.NewPersonAsync(browser);
        await page.AddInitScriptAsync(WatchReady);
        await HeadlessChromium.OpenBoardAsync(page, address, key, PageTimeout);
        var ready = await (await page.WaitForFunctionAsync("() => window.benchReady")).JsonValueAsync<double>();
        return (page, TimeSpan.FromMilliseconds(ready));
    }

    /// <summary>A grid of wavy strokes, one per cell, stored as an imported board would be; returns its edit key.</summary>
    private static async Task<string> WriteBoardAsync(string dataDirectory, int elements, int pointsPerElement)
    {
        var columns = (int)Math.Ceiling(Math.Sqrt(elements));
        var author = ParticipantId.New();
        var strokes = new List<BoardElement>(elements);
        for (var element = 0; element < elements; element++)
        {
            var (left, top) = (element % columns * Cell, element / columns * Cell);
            var points = new StrokePoint[pointsPerElement];
            for (var point = 0; point < pointsPerElement; point++)
            {
                var along = (float)point / Math.Max(1, pointsPerElement - 1);
                points[point] = new StrokePoint(left + 10 + along * 80, top + 50 + 30 * MathF.Sin(along * 4 * MathF.PI), 0.5f);
            }

            var id = ElementId.TryParse($"large{element}", out var parsed) ? parsed : throw new InvalidOperationException();
            strokes.Add(new Stroke(id, author, new StrokeStyle("#1e1e1e", 2), points, Finished: true));
        }

        await using var store = new SqliteBoardStore(Path.Combine(dataDirectory, WhiteboardOptions.DatabaseFileName));
        await using var rooms = LocalBoardGrains.Rooms(store, TimeProvider.System, new BoardRoomOptions(), NullLoggerFactory.Instance);
        var board = await rooms.CreateBoardAsync(new ImportedBoard("Large board", strokes), CancellationToken.None);
        return board.EditKey.ToString();
    }

    /// <summary>Zooms out to 10 % over the board's middle, pans across it and back, and returns the frames' times meanwhile.</summary>
    private static async Task<FrameTimes> PanAndZoomAsync(IPage page)
    {
        var surface = await HeadlessChromium.BoardSurfaceAsync(page);
        await page.Mouse.MoveAsync(surface.X + surface.Width / 2, surface.Y + surface.Height / 2);
        await page.EvaluateAsync(WatchFrames);
        await page.Keyboard.DownAsync("Control");
        await WheelAsync(page, 25, 0, 10);
        await page.Keyboard.UpAsync("Control");
        await WheelAsync(page, 60, 20, 0);
        await WheelAsync(page, 60, -20, 0);
        var recorded = JsonSerializer.Deserialize<RecordedFrames>(
            await page.EvaluateAsync<string>("() => window.benchFrames()"))!;
        var (between, work) = (Latencies.NewHistogram(), Latencies.NewHistogram());
        for (var frame = 1; frame < recorded.Starts.Length; frame++)
        {
            between.Record(TimeSpan.FromMilliseconds(recorded.Starts[frame] - recorded.Starts[frame - 1]));
        }

        foreach (var milliseconds in recorded.Work)
        {
            work.Record(TimeSpan.FromMilliseconds(milliseconds));
        }

        return new FrameTimes(between, work);
    }

    private sealed record RecordedFrames(
        [property: JsonPropertyName("starts")] double[] Starts, [property: JsonPropertyName("work")] double[] Work);

    /// <summary><paramref name="count"/> wheel events on a fixed schedule of 60 a second.</summary>
    private static async Task WheelAsync(IPage page, int count, float deltaX, float deltaY)
    {
        var schedule = new FixedSchedule(FixedSchedule.SixtyHertz, TimeProvider.System);
        for (var wheel = 1; wheel <= count; wheel++)
        {
            await page.Mouse.WheelAsync(deltaX, deltaY);
            await schedule.WaitForTickAsync(wheel);
        }
    }
}
