using System.CommandLine;
using System.Globalization;
using Whiteboard.Bench.Scenarios;

namespace Whiteboard.Bench.Commands;

/// <summary><c>history-browser</c>: from the history slider's input event in headless Chromium to the moment drawn on the page's canvas.</summary>
internal static class HistoryBrowserCommand
{
    public static Command Create()
    {
        var strokes = BenchOptions.Number(
            "--strokes", 100, $"Pen strokes on the board, {HistoryBrowserScenario.OperationsPerStroke} operations each (100 make 10,000 operations)");
        var command = new Command("history-browser", "The history slider's input event to the moment drawn on the page's canvas, in headless Chromium")
        {
            strokes,
        };
        command.SetAction(async (parsed, _) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var count = parsed.GetValue(strokes);
            await output.WriteLineAsync(
                $"history-browser: a board of {count * HistoryBrowserScenario.OperationsPerStroke:N0} operations ({count} pen strokes), one page, on {Report.Machine}");
            var result = await HistoryBrowserScenario.RunAsync(count, output.WriteLine);
            await Report.WriteJsonAsync("history-browser", new
            {
                scenario = "history-browser",
                machine = Report.Machine,
                loadAverage = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Trim() : null,
                operations = result.Operations,
                asked = result.Asked,
                shown = result.Shown.Select(moment => new { sequence = moment.Sequence, ms = moment.Took.TotalMilliseconds }),
                moment = Report.LatencyJson(result.Latencies),
            });
            await output.WriteLineAsync("| history-browser | moments shown | p50 ms | p95 ms | p99 ms | max ms |");
            await output.WriteLineAsync("|---|---|---|---|---|---|");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {result.Operations:N0} operations: slider's input event to the moment drawn | {result.Shown.Count} of {result.Asked.Count} | {Report.LatencyCells(result.Latencies)} |"));
            await output.WriteLineAsync(string.Join(", ", result.Shown.Select(moment =>
                string.Create(CultureInfo.InvariantCulture, $"{moment.Sequence}: {moment.Took.TotalMilliseconds:F0} ms"))));
            return result.Shown.Count == result.Asked.Count ? 0 : 1;
        });
        return command;
    }
}
