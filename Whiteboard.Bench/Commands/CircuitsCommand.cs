using System.CommandLine;
using System.Globalization;
using Whiteboard.Bench.Scenarios;

namespace Whiteboard.Bench.Commands;

/// <summary><c>circuits</c>: what an idle page costs the server, resident and live.</summary>
internal static class CircuitsCommand
{
    public static Command Create()
    {
        var pages = BenchOptions.Number("--pages", 50, "Idle pages opened on one board");
        var command = new Command("circuits", "The server's memory with no page open and with idle pages open") { pages };
        command.SetAction(async (parsed, _) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var count = parsed.GetValue(pages);
            await output.WriteLineAsync($"circuits: {count} idle pages on one board, on {Report.Machine}");
            var result = await CircuitsScenario.RunAsync(count, output.WriteLine);
            await Report.WriteJsonAsync("circuits", new
            {
                scenario = "circuits", machine = Report.Machine, result.Pages, result.BaselineBytes, result.LoadedBytes, result.BytesPerPage,
                baselineHeapBytes = result.BaselineHeap.HeapBytes, loadedHeapBytes = result.LoadedHeap.HeapBytes, result.HeapBytesPerPage,
                result.BaselineLiveBytes, result.LoadedLiveBytes, result.LiveBytesPerPage,
            });
            await output.WriteLineAsync("| circuits | memory | no page, MB | pages open, MB | KB per idle page |");
            await output.WriteLineAsync("|---|---|---|---|---|");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {count} pages | server resident | {result.BaselineBytes / 1e6:N1} | {result.LoadedBytes / 1e6:N1} | {result.BytesPerPage / 1024:N0} |"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {count} pages | heaps after a full collection | {result.BaselineHeap.HeapBytes / 1e6:N1} | {result.LoadedHeap.HeapBytes / 1e6:N1} | {result.HeapBytesPerPage / 1024:N0} |"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {count} pages | live objects after a full collection | {result.BaselineLiveBytes / 1e6:N1} | {result.LoadedLiveBytes / 1e6:N1} | {result.LiveBytesPerPage / 1024:N0} |"));
            return 0;
        });
        return command;
    }
}
