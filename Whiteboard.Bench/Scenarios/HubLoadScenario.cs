using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Measure;

namespace Whiteboard.Bench.Scenarios;

/// <summary>
/// People on boards through the hub, some drawing at 30 batches a second each on a fixed schedule (open
/// loop: a batch leaves when due whether or not the last was answered, and its latency runs from then).
/// <paramref name="Drawing"/> lists the number drawing per board at each step. <paramref name="Stalled"/>
/// more people on the first board never read what they are sent. Against <paramref name="Url"/>, or an
/// app this scenario starts.
/// </summary>
public sealed record HubLoadSettings(int Boards, int People, IReadOnlyList<int> Drawing, TimeSpan StepLength, int Stalled, Uri? Url);

/// <summary>
/// One step's figures, over the batches sent within the step: deliveries are those batches received, summed
/// over every receiver; undelivered are those some receiver still had not received <see cref="HubLoad.DrainTime"/> after the step.
/// Latency runs from the moment a batch was due to leave to its arrival. CPU is in percent of one core: the
/// server's (null when the scenario did not start it) beside the bench's own and what all cores left idle, so
/// a run shows which of them the machine's cores limited, or that something else took them.
/// </summary>
public sealed record HubLoadStep(
    int DrawingPerBoard, double DeliveriesPerSecond, TimeSpan P50, TimeSpan P95, TimeSpan P99, TimeSpan Max,
    long Deliveries, long Undelivered, long Errors, double? ServerCpuPercent, double BenchCpuPercent, double IdlePercent,
    double? ServerMemoryMegabytes);

public static class HubLoadScenario
{
    /// <summary>
    /// How long the first step's load runs, unmeasured, before the steps: the server compiles its hot paths
    /// while it runs (a first step measured cold had its p99 two to ten times the next steps').
    /// </summary>
    public static readonly TimeSpan ServerWarmUp = TimeSpan.FromSeconds(5);

    public static async Task<IReadOnlyList<HubLoadStep>> RunAsync(HubLoadSettings settings, Action<string> progress)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("whiteboard-bench-").FullName;
        AppProcess? server = null;
        try
        {
            if (settings.Url is null)
            {
                server = await AppProcess.StartAsync(dataDirectory, null,
                    "--Whiteboard:MaxParticipants", "100000", "--Whiteboard:MaxParticipantsPerBoard", "100000");
            }

            var address = settings.Url ?? server!.Address;
            await using var load = new HubLoad(progress);
            for (var board = 0; board < settings.Boards; board++)
            {
                await load.AddBoardOfEveryoneAsync(address, [address], settings.People, board == 0 ? settings.Stalled : 0);
            }

            int[] measured = server is null ? [] : [server.ProcessId];
            progress($"  warming up: {settings.Drawing[0]} drawing per board for {ServerWarmUp.TotalSeconds:N0} s, not measured");
            await load.StepAsync(settings.Drawing[0], ServerWarmUp, measured);
            var steps = new List<HubLoadStep>();
            foreach (var drawing in settings.Drawing)
            {
                var step = await load.StepAsync(drawing, settings.StepLength, measured);
                steps.Add(new HubLoadStep(
                    drawing, step.DeliveriesPerSecond, step.Latencies.Percentile(50), step.Latencies.Percentile(95), step.Latencies.Percentile(99),
                    step.Latencies.Max, step.Deliveries, step.Undelivered, step.Errors,
                    server is null ? null : step.ProcessCpuPercent[0], step.BenchCpuPercent, step.IdlePercent,
                    server is null ? null : step.ProcessMemoryMegabytes[0]));
                progress(Describe(steps[^1]));
            }

            return steps;
        }
        finally
        {
            server?.Dispose();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>The step that delivered most with p99 at or under <paramref name="limit"/>, if any did.</summary>
    public static HubLoadStep? Knee(IEnumerable<HubLoadStep> steps, TimeSpan limit) =>
        steps.Where(step => step.P99 <= limit && step.Errors == 0 && step.Undelivered == 0).MaxBy(step => step.DeliveriesPerSecond);

    public static string Describe(HubLoadStep step) =>
        $"  {step.DrawingPerBoard} drawing per board: {step.DeliveriesPerSecond:N0} deliveries/s, latency p50 {step.P50.TotalMilliseconds:N1} ms, " +
        $"p95 {step.P95.TotalMilliseconds:N1} ms, p99 {step.P99.TotalMilliseconds:N1} ms, max {step.Max.TotalMilliseconds:N1} ms, " +
        $"{step.Undelivered} undelivered, {step.Errors} errors, CPU: server {Percent(step.ServerCpuPercent)}, bench {Percent(step.BenchCpuPercent)}, " +
        $"idle {Percent(step.IdlePercent)}, " +
        $"server memory {(step.ServerMemoryMegabytes is { } megabytes ? $"{megabytes:N0} MB" : "not measured")}";

    /// <summary>A CPU share as printed: "not measured" for a server this scenario did not start.</summary>
    private static string Percent(double? cpu) => cpu is { } percent ? $"{percent:N0} %" : "not measured";
}
