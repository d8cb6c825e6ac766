using System.CommandLine;
using System.Globalization;
using Whiteboard.Bench.Scenarios;

namespace Whiteboard.Bench.Commands;

/// <summary>
/// <c>fanout</c> (one board, people drawing in steps: where does latency turn up) and <c>classroom</c>
/// (many boards at once): people on boards through the hub.
/// </summary>
internal static class HubLoadCommands
{
    private static readonly TimeSpan KneeLimit = TimeSpan.FromMilliseconds(100);

    public static Command Fanout() => Create(
        "fanout", "One board: deliveries per second and latency as more people draw, step by step, and the knee", boards: null,
        people: 100, drawing: [1, 5, 10, 20, 40], seconds: 5);

    public static Command Classroom() => Create(
        "classroom", "Many boards at once, a few people drawing on each", boards: 10, people: 30, drawing: [3], seconds: 10);

    /// <summary>A hub load scenario; <paramref name="boards"/> is null for one board, not an option.</summary>
    private static Command Create(string name, string description, int? boards, int people, int[] drawing, int seconds)
    {
        var boardCount = boards is { } fallback ? BenchOptions.Number("--boards", fallback, "Boards") : null;
        var peopleCount = BenchOptions.Number("--people", people, "People on each board");
        var drawingPerBoard = BenchOptions.Numbers("--drawing", drawing, "People drawing on each board, step by step");
        var stepSeconds = BenchOptions.Number("--seconds", seconds, "How long each step is measured");
        var stalled = BenchOptions.Number("--stalled", 0, "More people on the first board who read nothing they are sent", minimum: 0);
        var url = BenchOptions.Url();
        var command = new Command(name, description);
        if (boardCount is not null)
        {
            command.Add(boardCount);
        }

        foreach (var option in new Option[] { peopleCount, drawingPerBoard, stepSeconds, stalled, url })
        {
            command.Add(option);
        }

        command.SetAction(async (parsed, _) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var load = new HubLoadSettings(
                boardCount is null ? 1 : parsed.GetValue(boardCount), parsed.GetValue(peopleCount), parsed.GetRequiredValue(drawingPerBoard),
                TimeSpan.FromSeconds(parsed.GetValue(stepSeconds)), parsed.GetValue(stalled), parsed.GetValue(url));
            await output.WriteLineAsync($"{name}: {load.Boards} board(s) x {load.People} people, drawing per board {string.Join(", ", load.Drawing)}, " +
                $"{load.Stalled} stalled, {load.StepLength.TotalSeconds:0} s a step, on {Report.Machine}");
            var steps = await HubLoadScenario.RunAsync(load, output.WriteLine);
            var knee = HubLoadScenario.Knee(steps, KneeLimit);
            await Report.WriteJsonAsync(name, new
            {
                scenario = name,
                machine = Report.Machine,
                load.Boards,
                load.People,
                load.Stalled,
                steps = steps.Select(step => new
                {
                    step.DrawingPerBoard,
                    step.DeliveriesPerSecond,
                    p50Ms = step.P50.TotalMilliseconds,
                    p95Ms = step.P95.TotalMilliseconds,
                    p99Ms = step.P99.TotalMilliseconds,
                    maxMs = step.Max.TotalMilliseconds,
                    step.Undelivered,
                    step.Errors,
                    step.ServerCpuPercent,
                    step.BenchCpuPercent,
                    step.IdlePercent,
                    step.ServerMemoryMegabytes,
                }),
                kneeDeliveriesPerSecond = knee?.DeliveriesPerSecond,
            });
            await output.WriteLineAsync(
                "| scenario | drawing per board | deliveries/s | p50 ms | p95 ms | p99 ms | max ms | undelivered | errors | server CPU % | bench CPU % | idle CPU % | server MB |");
            await output.WriteLineAsync("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var step in steps)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"| {name}, {load.Boards} x {load.People}{(load.Stalled > 0 ? $" + {load.Stalled} stalled" : "")} | {step.DrawingPerBoard} | " +
                    $"{step.DeliveriesPerSecond:N0} | {step.P50.TotalMilliseconds:N1} | {step.P95.TotalMilliseconds:N1} | {step.P99.TotalMilliseconds:N1} | " +
                    $"{step.Max.TotalMilliseconds:N1} | {step.Undelivered} | {step.Errors} | {step.ServerCpuPercent?.ToString("N0", CultureInfo.InvariantCulture) ?? "-"} | " +
                    $"{step.BenchCpuPercent:N0} | {step.IdlePercent:N0} | {step.ServerMemoryMegabytes?.ToString("N0", CultureInfo.InvariantCulture) ?? "-"} |"));
            }

            await output.WriteLineAsync(
                $"latency from when each batch was due to leave; CPU in % of one core, of {100 * Environment.ProcessorCount} % on {Environment.ProcessorCount} cores, " +
                "shared by the server and the bench (the load generator): with little left idle, the one near the whole limits the run, " +
                "and when neither is, other processes took the cores");
            await output.WriteLineAsync(knee is null
                ? $"knee: no step kept p99 at or under {KneeLimit.TotalMilliseconds:0} ms without errors or undelivered batches"
                : string.Create(CultureInfo.InvariantCulture, $"knee: {knee.DeliveriesPerSecond:N0} deliveries/s with p99 {knee.P99.TotalMilliseconds:N1} ms"));
            return steps.All(step => step.Deliveries > 0) ? 0 : 1;
        });
        return command;
    }
}
