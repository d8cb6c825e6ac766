using System.CommandLine;
using Whiteboard.Bench.Scenarios;

namespace Whiteboard.Bench.Commands;

/// <summary><c>chat</c>: a chat message from the press of Send in one headless Chromium page to shown on another's panel.</summary>
internal static class ChatCommand
{
    public static Command Create()
    {
        var messages = BenchOptions.Number("--messages", 20, "Messages sent, one at a time, at most one a second");
        var url = BenchOptions.Url();
        var command = new Command("chat", "A chat message from Send in one page to shown on another's panel, in headless Chromium")
        {
            messages, url,
        };
        command.SetAction(async (parsed, _) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var count = parsed.GetValue(messages);
            await output.WriteLineAsync($"chat: two pages on one board, {count} messages, on {Report.Machine}");
            var result = await ChatScenario.RunAsync(count, parsed.GetValue(url), output.WriteLine);
            await Report.WriteJsonAsync("chat", new { scenario = "chat", machine = Report.Machine, result.Sent, result.Shown, latency = Report.LatencyJson(result.Latencies) });
            await output.WriteLineAsync("| chat | messages | p50 ms | p95 ms | p99 ms | max ms |");
            await output.WriteLineAsync("|---|---|---|---|---|---|");
            await output.WriteLineAsync($"| press of Send to shown on the other page's panel | {result.Shown} of {result.Sent} | {Report.LatencyCells(result.Latencies)} |");
            return result.Sent == count && result.Shown == count ? 0 : 1;
        });
        return command;
    }
}
