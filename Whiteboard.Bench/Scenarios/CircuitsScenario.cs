using Microsoft.Playwright;
using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Measure;

namespace Whiteboard.Bench.Scenarios;

/// <summary>
/// The server's resident memory, and its heaps after a full collection (their size, and the objects that
/// survived), with no page open (after one has come and gone) and with <paramref name="Pages"/> idle pages on one board.
/// </summary>
public sealed record CircuitsResult(int Pages, long BaselineBytes, long LoadedBytes, HeapReading BaselineHeap, HeapReading LoadedHeap)
{
    public double BytesPerPage => (double)(LoadedBytes - BaselineBytes) / Pages;

    public double HeapBytesPerPage => (double)(LoadedHeap.HeapBytes - BaselineHeap.HeapBytes) / Pages;

    public long BaselineLiveBytes => BaselineHeap.LiveBytes;

    public long LoadedLiveBytes => LoadedHeap.LiveBytes;

    public double LiveBytesPerPage => (double)(LoadedLiveBytes - BaselineLiveBytes) / Pages;
}

/// <summary>
/// <c>circuits</c>: what an idle participant costs the server. Opens <c>pages</c> board pages in headless
/// Chromium, each a person of its own, on one board of an app this scenario starts (it reads the
/// server's memory from /proc, so it cannot run against a URL), and divides the growth of the
/// server's resident memory, and of its live heap, by the number of pages. The resident memory is what
/// the issue asks for; the live objects show how much of it the pages hold and how much is the garbage
/// collector's room to work in. The heaps' size after the collection (the figure this scenario gave before
/// 2026-12-06) also counts the free space the collector chose to leave between objects.
/// </summary>
public static class CircuitsScenario
{
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DiagnosticsTimeout = TimeSpan.FromSeconds(30);

    public static async Task<CircuitsResult> RunAsync(int pages, Action<string> progress)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("whiteboard-bench-").FullName;
        try
        {
            using var server = await AppProcess.StartAsync(dataDirectory, null,
                "--Whiteboard:MaxParticipants", "100000", "--Whiteboard:MaxParticipantsPerBoard", "100000");
            var key = await NewBoard.CreateAsync(server.Address);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await HeadlessChromium.LaunchAsync(playwright);

            // The first page pays for what every later one shares (compiled components, static assets, the room).
            var first = await HeadlessChromium.NewPersonAsync(browser);
            await HeadlessChromium.OpenBoardAsync(first, server.Address, key, PageTimeout);
            await first.Context.CloseAsync();
            // Collected before the baseline is read, so that both readings of resident memory follow it alike.
            var baselineHeap = await LiveHeap.AfterFullCollectionAsync(server.ProcessId, DiagnosticsTimeout);
            var baseline = await SettledMemoryAsync(server.ProcessId);
            progress($"  baseline: {baseline / 1e6:N1} MB");

            for (var page = 1; page <= pages; page++)
            {
                await HeadlessChromium.OpenBoardAsync(await HeadlessChromium.NewPersonAsync(browser), server.Address, key, PageTimeout);
                progress($"  {page} page(s) open, server {ProcessUsage.Of(server.ProcessId).ResidentBytes / 1e6:N1} MB");
            }

            var loaded = await SettledMemoryAsync(server.ProcessId);
            var loadedHeap = await LiveHeap.AfterFullCollectionAsync(server.ProcessId, DiagnosticsTimeout);
            return new CircuitsResult(pages, baseline, loaded, baselineHeap, loadedHeap);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>The resident memory once it has stopped moving by more than 1 % over a second (at most 20 s).</summary>
    private static async Task<long> SettledMemoryAsync(int processId)
    {
        var last = ProcessUsage.Of(processId).ResidentBytes;
        for (var second = 0; second < 20; second++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = ProcessUsage.Of(processId).ResidentBytes;
            if (Math.Abs(now - last) < last / 100)
            {
                return now;
            }

            last = now;
        }

        return last;
    }
}
