using System.CommandLine;
using Whiteboard.Bench.Scenarios;

namespace Whiteboard.Bench.Commands;

/// <summary><c>large-board</c>: how long a large board takes to open, and its frames while panning and zooming.</summary>
internal static class LargeBoardCommand
{
    public static Command Create()
    {
        var elements = BenchOptions.Number("--elements", 10_000, "Strokes on the board");
        var points = BenchOptions.Number("--points", 100, "Points in each stroke");
        var opens = BenchOptions.Number("--opens", 3, "Times the board is opened");
        var command = new Command("large-board", "A large board's time to open, and its frames while panning and zooming") { elements, points, opens };
        command.SetAction(async (parsed, _) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var (strokes, perStroke) = (parsed.GetValue(elements), parsed.GetValue(points));
            await output.WriteLineAsync($"large-board: {strokes:N0} strokes x {perStroke} points, on {Report.Machine}");
            var result = await LargeBoardScenario.RunAsync(strokes, perStroke, parsed.GetValue(opens), output.WriteLine);
            await Report.WriteJsonAsync("large-board", new
            {
                scenario = "large-board", machine = Report.Machine, result.Elements, result.Points,
                emptyReadyMs = result.EmptyReady.TotalMilliseconds,
                firstReadyMs = result.FirstReady.TotalMilliseconds,
                laterReadyMs = result.LaterReady.Select(ready => ready.TotalMilliseconds),
                frameWork = Report.LatencyJson(result.Frames.Work),
                betweenFrames = Report.LatencyJson(result.Frames.Between),
                emptyBoardFrameWork = Report.LatencyJson(result.EmptyFrames.Work),
                emptyBoardBetweenFrames = Report.LatencyJson(result.EmptyFrames.Between),
            });
            await output.WriteLineAsync("| large board | empty board ready ms | first open ready ms | later opens ready ms |");
            await output.WriteLineAsync("|---|---|---|---|");
            await output.WriteLineAsync($"| {strokes:N0} strokes, {result.Points:N0} points | {Report.Milliseconds(result.EmptyReady)} | {Report.Milliseconds(result.FirstReady)} | " +
                $"{string.Join(", ", result.LaterReady.Select(Report.Milliseconds))} |");
            await output.WriteLineAsync();
            await output.WriteLineAsync("| panning and zooming | p50 ms | p95 ms | p99 ms | max ms |");
            await output.WriteLineAsync("|---|---|---|---|---|");
            foreach (var (board, frames) in new[] { ("large board", result.Frames), ("empty board", result.EmptyFrames) })
            {
                await output.WriteLineAsync($"| {board}, a frame's work | {Report.LatencyCells(frames.Work)} |");
                await output.WriteLineAsync($"| {board}, between frames | {Report.LatencyCells(frames.Between)} |");
            }

            return 0;
        });
        return command;
    }
}
