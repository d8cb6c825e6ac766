using System.CommandLine;
using System.Globalization;
using Whiteboard.Bench.Scenarios;

namespace Whiteboard.Bench.Commands;

/// <summary><c>laser</c>: one presenter's laser pointer on a board of many people through the hub; what it costs the server.</summary>
internal static class LaserCommand
{
    public static Command Create()
    {
        var people = BenchOptions.Number("--people", 30, "People on the board, the presenter among them (2 or more)", minimum: 2);
        var rate = BenchOptions.Number("--rate", 30, "Laser moves the presenter sends a second (a page sends at most 30; the server takes 40)");
        var seconds = BenchOptions.Number("--seconds", 10, "How long the moves are measured");
        var url = BenchOptions.Url();
        var command = new Command("laser", "One presenter moving the laser pointer before many people: moves that reached them, deliveries, latency and the server's CPU")
        {
            people, rate, seconds, url,
        };
        command.SetAction(async (parsed, _) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var settings = new LaserSettings(parsed.GetValue(people), parsed.GetValue(rate), TimeSpan.FromSeconds(parsed.GetValue(seconds)), parsed.GetValue(url));
            await output.WriteLineAsync(
                $"laser: {settings.People} people on one board, one presenting at {settings.MovesPerSecond} laser moves a second for {settings.Length.TotalSeconds:0} s, on {Report.Machine}");
            var result = await LaserScenario.RunAsync(settings, output.WriteLine);
            await Report.WriteJsonAsync("laser", new
            {
                scenario = "laser", machine = Report.Machine, settings.People, settings.MovesPerSecond,
                result.SentPerSecond, result.ReachedPerSecond, result.DeliveriesPerSecond, latency = Report.LatencyJson(result.Latencies),
                result.ServerCpuPercent, result.BenchCpuPercent, result.IdlePercent,
            });
            await output.WriteLineAsync("| laser | moves sent/s | moves that reached the others/s | deliveries/s | p50 ms | p95 ms | p99 ms | max ms | server CPU % | bench CPU % | idle CPU % |");
            await output.WriteLineAsync("|---|---|---|---|---|---|---|---|---|---|---|");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {settings.People} people, {settings.MovesPerSecond} moves/s | {result.SentPerSecond:N1} | {result.ReachedPerSecond:N1} | {result.DeliveriesPerSecond:N0} | " +
                $"{Report.LatencyCells(result.Latencies)} | {result.ServerCpuPercent?.ToString("N0", CultureInfo.InvariantCulture) ?? "-"} | {result.BenchCpuPercent:N0} | {result.IdlePercent:N0} |"));
            await output.WriteLineAsync(
                "the server takes a person's moves up to 40 a second, and hands on only the latest of those that came between two of a room's questions to the board's writer; latency from when each move was due " +
                $"to leave to its arrival at each of the others; CPU in % of one core, of {100 * Environment.ProcessorCount} % on {Environment.ProcessorCount} cores");
            return result.Latencies.TotalCount > 0 ? 0 : 1;
        });
        return command;
    }
}
