using System.CommandLine;
using Whiteboard.Bench.Scenarios;

namespace Whiteboard.Bench.Commands;

/// <summary><c>browsers</c>: pages in headless Chromium on one board, one drawing; from pointer event to each peer's canvas.</summary>
internal static class BrowsersCommand
{
    public static Command Create()
    {
        var pages = BenchOptions.Number("--pages", 10, "Pages open on the board, one of them drawing");
        var seconds = BenchOptions.Number("--seconds", 10, "How long the timed drawing lasts");
        var warmUp = BenchOptions.Number("--warm-up", 20, "Seconds of drawing before, untimed", minimum: 0);
        var delay = BenchOptions.Number("--delay", 0, "Milliseconds added to the link each way", minimum: 0);
        var url = BenchOptions.Url();
        var command = new Command("browsers", "Pointer event to drawn on every peer's canvas, in headless Chromium")
        {
            pages, seconds, warmUp, delay, url,
        };
        command.SetAction(async (parsed, _) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var (count, delayMs, warmUpSeconds, length) = (parsed.GetValue(pages), parsed.GetValue(delay), parsed.GetValue(warmUp), parsed.GetValue(seconds));
            var over = delayMs > 0 ? $", {delayMs} ms each way" : "";
            await output.WriteLineAsync(
                $"browsers: {count} pages on one board{over}, one drawing at 60 Hz for {length} s after {warmUpSeconds} s untimed, on {Report.Machine}");
            var result = await BrowsersScenario.RunAsync(
                count, TimeSpan.FromSeconds(warmUpSeconds), TimeSpan.FromSeconds(length), TimeSpan.FromMilliseconds(delayMs),
                parsed.GetValue(url), output.WriteLine);
            await Report.WriteJsonAsync("browsers", new
            {
                scenario = "browsers", machine = Report.Machine, result.Pages, delayMs, warmUpSeconds, result.Points,
                peer = Report.LatencyJson(result.Peer), wetInk = Report.LatencyJson(result.WetInk), result.Missing,
                cpuPercentOfOneCore = result.Cpu,
            });
            await output.WriteLineAsync("| browsers | latency | p50 ms | p95 ms | p99 ms | max ms |");
            await output.WriteLineAsync("|---|---|---|---|---|---|");
            await output.WriteLineAsync($"| {count} pages{over}, {result.Points} points | pointer event to drawn on each peer's canvas | {Report.LatencyCells(result.Peer)} |");
            await output.WriteLineAsync($"| {count} pages{over}, {result.Points} points | pointer event to the frame showing the wet ink | {Report.LatencyCells(result.WetInk)} |");
            await output.WriteLineAsync($"segments a peer never drew: {result.Missing}");
            var cpu = result.Cpu;
            var server = cpu.ServerPercent is { } used ? $"the server {used:N0} %, " : "";
            await output.WriteLineAsync(
                $"CPU while timed, in % of one core: Chromium {cpu.BrowserPercent:N0} % ({cpu.BrowserProcesses} processes), {server}the bench {cpu.BenchPercent:N0} %; " +
                $"idle {cpu.IdlePercent:N0} % of {100 * cpu.Cores} %");
            return result.Missing == 0 && result.Peer.TotalCount > 0 ? 0 : 1;
        });
        return command;
    }
}
