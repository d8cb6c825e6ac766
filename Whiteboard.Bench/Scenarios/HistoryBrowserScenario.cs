using System.Globalization;
using HdrHistogram;
using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Measure;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;

namespace Whiteboard.Bench.Scenarios;

/// <summary>A moment the slider was moved to, and how long after the slider's input event the page drew it.</summary>
public sealed record ShownMoment(long Sequence, TimeSpan Took);

/// <summary>
/// The board's operations, the moments the slider was moved to (those the timeline holds, in the order asked), those the
/// page drew and showed as the history panel's moment, and their times.
/// </summary>
public sealed record HistoryBrowserResult(long Operations, IReadOnlyList<long> Asked, IReadOnlyList<ShownMoment> Shown, HistogramBase Latencies);

/// <summary>
/// <c>history-browser</c>: the history view's figure (issue 24, item 7) in headless Chromium, driven over the DevTools
/// protocol (<see cref="DevToolsBrowser"/>), on the app published as it ships. A board of <c>strokes</c> pen strokes of
/// 100 operations each (100 make 10,000), by one person, is written to the app's SQLite file as its writer stores it,
/// with a checkpoint every <see cref="BoardRoomOptions.SnapshotEvery"/> operations as its writer writes them, before the
/// app starts. One page opens the history view and moves the slider to moments far apart along the timeline; each is
/// timed in the page, from the slider's input event to the return of the call that draws the moment on its canvas.
/// </summary>
public static class HistoryBrowserScenario
{
    public const int OperationsPerStroke = 100; // a begin, 98 extensions of 5 points, an end
    private const int PointsPerExtension = 5;
    private const int BatchSize = 500;
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan MomentTimeout = TimeSpan.FromSeconds(30);

    // Moves the slider to a moment as a person's hand does (its value, then an input event) and answers how many
    // milliseconds later the page drew a moment (the board's putMoment returned), or -1 if none was drawn in time.
    private const string MoveSlider = """
        ((target, timeout) => new Promise(resolve => {
            const board = document.querySelector('[data-testid=board-surface]').whiteboard;
            const slider = document.querySelector('input[data-testid=history-slider]');
            const put = board.putMoment;
            let started = 0;
            const timer = setTimeout(() => { board.putMoment = put; resolve(-1); }, timeout);
            board.putMoment = function (...args) {
                put.apply(this, args);
                board.putMoment = put;
                clearTimeout(timer);
                resolve(performance.now() - started);
            };
            started = performance.now();
            slider.value = String(target);
            slider.dispatchEvent(new Event('input', { bubbles: true }));
        }))
        """;

    public static async Task<HistoryBrowserResult> RunAsync(int strokes, Action<string> progress)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("whiteboard-bench-").FullName;
        try
        {
            var (key, operations, snapshotEvery) = await WriteBoardAsync(dataDirectory, strokes);
            progress($"  {strokes:N0} strokes, {operations:N0} operations written, a checkpoint every {snapshotEvery:N0}");
            using var server = await AppProcess.StartAsync(dataDirectory);
            await using var browser = await DevToolsBrowser.LaunchAsync();
            var page = await browser.NewPersonAsync();
            await page.OpenBoardAsync(server.Address, key, PageTimeout);
            await page.ClickAsync("[data-testid=history-open]");
            if (!await ShowsMomentAsync(page, operations, PageTimeout))
            {
                throw new TimeoutException($"The history view did not open at moment {operations} within {PageTimeout.TotalSeconds:0} s.");
            }

            var first = long.Parse(
                (await page.EvaluateAsync("document.querySelector('input[data-testid=history-slider]').min")).GetString()!, CultureInfo.InvariantCulture);
            var asked = Moments(first, operations, snapshotEvery).ToList();
            progress($"  the history view is open; moving the slider to {asked.Count} moments");
            var shown = new List<ShownMoment>();
            var latencies = Latencies.NewHistogram();
            foreach (var moment in asked)
            {
                var milliseconds = (await page.EvaluateAsync($"{MoveSlider}({moment}, {MomentTimeout.TotalMilliseconds})")).GetDouble();
                if (milliseconds >= 0 && await ShowsMomentAsync(page, moment, MomentTimeout))
                {
                    var took = TimeSpan.FromMilliseconds(milliseconds);
                    shown.Add(new ShownMoment(moment, took));
                    latencies.Record(took);
                    progress(string.Create(CultureInfo.InvariantCulture, $"  moment {moment}: drawn {milliseconds:F0} ms after the slider moved"));
                }
                else
                {
                    progress($"  moment {moment}: not shown within {MomentTimeout.TotalSeconds:0} s");
                }
            }

            return new HistoryBrowserResult(operations, asked, shown, latencies);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Far apart along the timeline, those it holds (from <paramref name="first"/>): its start, each side of every
    /// checkpoint (the most and the fewest operations replayed), the first operation, halfway through a stroke a quarter
    /// and three quarters along, and last the whole board (the moment shown when the view opened, so never first).
    /// </summary>
    private static IEnumerable<long> Moments(long first, long operations, int snapshotEvery)
    {
        var checkpoints = Enumerable.Range(1, (int)(operations / snapshotEvery)).Select(checkpoint => (long)checkpoint * snapshotEvery);
        IEnumerable<long> moments =
        [
            first, .. checkpoints.SelectMany(checkpoint => new[] { checkpoint - 1, checkpoint + 1 }), 1,
            (operations / 4) + (OperationsPerStroke / 2), (3 * operations / 4) - (OperationsPerStroke / 2),
        ];
        return [.. moments.Where(moment => moment >= first && moment < operations).Distinct(), operations];
    }

    private static Task<bool> ShowsMomentAsync(DevToolsPage page, long sequence, TimeSpan timeout) =>
        page.WaitForAsync($"document.querySelector('[data-testid=history-panel]')?.dataset.moment === '{sequence}'", timeout);

    /// <summary>
    /// The board, stored as its writer stores it: operations appended in batches, a snapshot (a checkpoint) every
    /// <see cref="BoardRoomOptions.SnapshotEvery"/>. Returns its edit key, its operations and that interval.
    /// </summary>
    private static async Task<(string Key, long Operations, int SnapshotEvery)> WriteBoardAsync(string dataDirectory, int strokes)
    {
        var options = new BoardRoomOptions();
        await using var store = new SqliteBoardStore(Path.Combine(dataDirectory, WhiteboardOptions.DatabaseFileName));
        await using var rooms = LocalBoardGrains.Rooms(store, TimeProvider.System, options, NullLoggerFactory.Instance);
        var board = await rooms.CreateBoardAsync(content: null, CancellationToken.None);
        var author = ParticipantId.New();
        var seated = new SeatedAuthor("Ada", "#e03131");
        var state = new BoardState();
        var batch = new List<StoredOperation>();
        long sequence = 0;
        foreach (var operation in Operations(strokes))
        {
            if (state.Apply(author, operation).IsRejected)
            {
                throw new InvalidOperationException($"The board refused operation {sequence + 1}.");
            }

            batch.Add(new StoredOperation(++sequence, author, operation, seated));
            if (batch.Count == BatchSize)
            {
                await store.AppendAsync(board.Id, batch, DateTimeOffset.UtcNow, CancellationToken.None);
                batch.Clear();
            }

            if (sequence % options.SnapshotEvery == 0)
            {
                await store.SaveSnapshotAsync(board.Id, sequence, state.Capture(), CancellationToken.None);
            }
        }

        if (batch.Count > 0)
        {
            await store.AppendAsync(board.Id, batch, DateTimeOffset.UtcNow, CancellationToken.None);
        }

        return (board.EditKey.ToString(), sequence, options.SnapshotEvery);
    }

    /// <summary>Strokes in rows 6 units apart, each drawn as a person draws it: begun, extended a few points at a time, ended.</summary>
    private static IEnumerable<BoardOperation> Operations(int strokes)
    {
        var style = new StrokeStyle("#000000", 4);
        for (var stroke = 0; stroke < strokes; stroke++)
        {
            var id = ElementId.TryParse($"stroke{stroke}", out var parsed) ? parsed : throw new InvalidOperationException();
            var y = 40 + (6 * stroke);
            StrokePoint[] Points(int from, int count) =>
                [.. Enumerable.Range(from, count).Select(at => new StrokePoint(40 + (at * 2), y + (at % 3), 0.5f))];
            yield return new BeginStroke(id, style, Points(0, 1));
            for (var extension = 0; extension < OperationsPerStroke - 2; extension++)
            {
                var from = 1 + (extension * PointsPerExtension);
                yield return new ExtendStroke(id, from, Points(from, PointsPerExtension));
            }

            yield return new FinishElement(id);
        }
    }
}
