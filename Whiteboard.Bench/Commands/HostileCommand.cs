using System.CommandLine;
using System.Globalization;
using Whiteboard.Bench.Scenarios;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Bench.Commands;

/// <summary><c>hostile</c>: issue 21's abuse cases against the shipped app, and whether its memory stayed bounded through them.</summary>
internal static class HostileCommand
{
    public static Command Create()
    {
        var defaults = new HostileSettings();
        var drops = BenchOptions.Number("--drops", defaults.Drops, "Connections dropped while their Join is in progress");
        var people = BenchOptions.Number("--people", defaults.People, "People on the board during the rename flood");
        var renames = BenchOptions.Number("--renames", defaults.Renames, $"SetName calls in the flood's {HostileSettings.RenameWindow.TotalSeconds:N0} s");
        var points = BenchOptions.Number("--points", defaults.Points, $"Points of ink one participant stores (the board's limit is {BoardLimits.MaxPointsPerBoard:N0})");
        var readers = BenchOptions.Number("--readers", defaults.Readers, "Readers sent the filled board's snapshot at once");
        var exports = BenchOptions.Number("--exports", defaults.Exports, "export.json requests of the filled board at once");
        var creations = BenchOptions.Number("--creations", defaults.Creations, "POST /boards from one address");
        var settle = BenchOptions.Number("--settle", defaults.SettleSeconds, "Seconds the server is left after each case before its memory is read again");
        var liveHeap = new Option<bool>("--live-heap")
        {
            Description = "After each case, make the server collect all its garbage and report what stayed live (the next case then starts lower)",
        };
        var command = new Command("hostile", "Issue 21's hostile cases, each with the server's resident memory before, at its peak during, and after")
        {
            drops, people, renames, points, readers, exports, creations, settle, liveHeap,
        };
        command.SetAction(async (parsed, _) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var settings = new HostileSettings(
                parsed.GetValue(drops), parsed.GetValue(people), parsed.GetValue(renames), parsed.GetValue(points),
                parsed.GetValue(readers), parsed.GetValue(exports), parsed.GetValue(creations), parsed.GetValue(settle), parsed.GetValue(liveHeap));
            await output.WriteLineAsync($"hostile: {settings}, on {Report.Machine}");
            var result = await HostileScenario.RunAsync(settings, output.WriteLine);
            await Report.WriteJsonAsync("hostile", new
            {
                scenario = "hostile", machine = Report.Machine, settings, startMegabytes = result.StartMegabytes,
                cases = result.Cases.Select(hostile => new
                {
                    name = hostile.Name, beforeMegabytes = hostile.BeforeMegabytes, peakMegabytes = hostile.PeakMegabytes,
                    afterMegabytes = hostile.AfterMegabytes, liveMegabytes = hostile.LiveMegabytes, answered = hostile.Answered,
                    refused = hostile.Refused, detail = hostile.Detail,
                }),
                peakMegabytes = result.PeakMegabytes, growthMegabytes = result.GrowthMegabytes,
                boundMegabytes = HostileResult.BoundMegabytes, withinBound = result.WithinBound, steepestCase = result.SteepestCase.Name,
            });
            await output.WriteLineAsync("| case | before MB | peak MB | after MB | live after MB | answered | refused | what the server showed |");
            await output.WriteLineAsync("|---|---|---|---|---|---|---|---|");
            foreach (var hostile in result.Cases)
            {
                await output.WriteLineAsync(
                    $"| {hostile.Name} | {Megabytes(hostile.BeforeMegabytes)} | {Megabytes(hostile.PeakMegabytes)} | {Megabytes(hostile.AfterMegabytes)} | " +
                    $"{(hostile.LiveMegabytes is { } live ? Megabytes(live) : "-")} | " +
                    $"{hostile.Answered:N0} | {hostile.Refused:N0} | {hostile.Detail} |");
            }

            await output.WriteLineAsync(
                $"{(result.WithinBound ? "Within" : "NOT within")} {HostileResult.BoundMegabytes:N0} MB of the start: " +
                $"started at {Megabytes(result.StartMegabytes)} MB, peaked at {Megabytes(result.PeakMegabytes)} MB (+{Megabytes(result.GrowthMegabytes)} MB); " +
                $"the steepest case, {result.SteepestCase.Name}, took it up {Megabytes(result.SteepestCase.PeakMegabytes - result.SteepestCase.BeforeMegabytes)} MB.");
            return result.WithinBound ? 0 : 1;
        });
        return command;
    }

    private static string Megabytes(double megabytes) => megabytes.ToString("N0", CultureInfo.InvariantCulture);
}
