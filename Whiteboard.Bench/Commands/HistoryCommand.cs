using System.CommandLine;
using System.Globalization;
using Whiteboard.Bench.Scenarios;

namespace Whiteboard.Bench.Commands;

/// <summary><c>history</c>: how long the board takes to rebuild at a random moment of a long history, and what the history weighs.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var operations = BenchOptions.Number("--operations", 10_000, "Operations on the board: pen strokes, shapes, erases and moves");
        var checkpoints = BenchOptions.Number("--checkpoint-every", 5_000, "Operations between the board's snapshots (kept as checkpoints at least 5,000 operations apart, and the latest)");
        var moments = BenchOptions.Number("--moments", 200, "Moments read at random points of the history");
        var command = new Command("history", "The board rebuilt at random moments of its history (checkpoint + replay), in process, on SQLite")
        {
            operations, checkpoints, moments,
        };
        command.SetAction(async (parsed, _) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var settings = new HistorySettings(parsed.GetValue(operations), parsed.GetValue(checkpoints), parsed.GetValue(moments));
            await output.WriteLineAsync(
                $"history: {settings.Operations:N0} operations, a checkpoint every {settings.CheckpointEvery:N0}, {settings.Moments} moments, on {Report.Machine}");
            var result = await HistoryScenario.RunAsync(settings, new Progress<string>(done => output.Write($"\r  {done} ")));
            await output.WriteLineAsync();
            await Report.WriteJsonAsync("history", new
            {
                scenario = "history",
                machine = Report.Machine,
                loadAverage = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Trim() : null,
                settings.Operations,
                settings.CheckpointEvery,
                sequence = result.Sequence,
                moment = Report.LatencyJson(result.Moments),
                timelineMs = result.Timeline.TotalMilliseconds,
                operationBytes = result.OperationBytes,
                checkpointBytes = result.CheckpointBytes,
                checkpoints = result.Checkpoints,
                fileBytes = result.FileBytes,
                bytesPer10000Operations = result.BytesPer10000,
            });
            await output.WriteLineAsync("| scenario | moment p50 | p95 | p99 | max (ms) | timeline (ms) | operations, bytes | checkpoints, bytes | bytes per 10,000 operations |");
            await output.WriteLineAsync("|---|---|---|---|---|---|---|---|---|");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| history, {result.Sequence:N0} operations, a checkpoint every {settings.CheckpointEvery:N0} | {Report.LatencyCells(result.Moments)} | {Report.Milliseconds(result.Timeline)} | {result.OperationBytes:N0} | {result.CheckpointBytes:N0} ({result.Checkpoints}) | {result.BytesPer10000:N0} |"));
            return 0;
        });
        return command;
    }
}
