using Whiteboard.App;
using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Measure;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Bench.Scenarios;

/// <summary>The sizes of the hostile cases (issue 21's, by default); smaller ones make a smoke test.</summary>
/// <param name="Drops">Connections dropped while their Join is still in progress.</param>
/// <param name="People">People on the board during the rename flood.</param>
/// <param name="Renames">SetName calls in the flood, spread over <see cref="RenameWindow"/> and over the people.</param>
/// <param name="Points">Points of ink one participant stores on a board (the board's limit by default), before trying one more stroke.</param>
/// <param name="Readers">Readers sent that board's snapshot at once.</param>
/// <param name="Exports">Simultaneous export.json requests of that board.</param>
/// <param name="Creations">POST /boards from one address.</param>
/// <param name="SettleSeconds">How long the server is left after a case, its clients gone, before its memory is read again.</param>
/// <param name="LiveHeap">
/// After each case, make the server collect all its garbage and read what stayed live: a diagnosis of what it holds,
/// which also hands memory back that a server left alone might keep, so the next case starts lower than it would.
/// </param>
public sealed record HostileSettings(
    int Drops = 200, int People = 150, int Renames = 4_000, int Points = BoardLimits.MaxPointsPerBoard, int Readers = 10,
    int Exports = 10, int Creations = 2_000, int SettleSeconds = 2, bool LiveHeap = false)
{
    public static readonly TimeSpan RenameWindow = TimeSpan.FromSeconds(3);
}

/// <summary>
/// One hostile case: the server's resident memory before it, at its highest during it and after it (its clients
/// gone), in megabytes; the calls the server answered as asked and those it refused; what else it showed; and, when
/// asked for, what stayed live after a full collection then.
/// </summary>
public sealed record HostileCase(
    string Name, double BeforeMegabytes, double PeakMegabytes, double AfterMegabytes, int Answered, int Refused, string Detail,
    double? LiveMegabytes);

/// <summary>The run: the server's resident memory when it began (a started app that served one board), and each case.</summary>
public sealed record HostileResult(double StartMegabytes, IReadOnlyList<HostileCase> Cases)
{
    /// <summary>Issue 21's bound: the hostile cases may take the server this far above where it started.</summary>
    public const double BoundMegabytes = 300;

    public double PeakMegabytes => Cases.Max(hostile => hostile.PeakMegabytes);

    public double GrowthMegabytes => PeakMegabytes - StartMegabytes;

    public bool WithinBound => GrowthMegabytes <= BoundMegabytes;

    /// <summary>The case that took the server furthest above where that case began.</summary>
    public HostileCase SteepestCase => Cases.MaxBy(hostile => hostile.PeakMegabytes - hostile.BeforeMegabytes)!;
}

/// <summary>
/// <c>hostile</c>: issue 21's abuse cases, in turn, against the app published as it ships, run with its
/// shipped limits (the board-creation budget included, which the other scenarios lift), measuring the
/// server's resident memory through each.
/// </summary>
public static class HostileScenario
{
    private static readonly TimeSpan DiagnosticsTimeout = TimeSpan.FromSeconds(60);

    public static async Task<HostileResult> RunAsync(HostileSettings settings, Action<string> progress)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("whiteboard-bench-").FullName;
        try
        {
            var shipped = new WhiteboardOptions();
            using var server = await AppProcess.StartAsync(dataDirectory, null,
                $"--Whiteboard:{nameof(WhiteboardOptions.BoardCreationsPerMinute)}", $"{shipped.BoardCreationsPerMinute}",
                $"--Whiteboard:{nameof(WhiteboardOptions.BoardCreationBurst)}", $"{shipped.BoardCreationBurst}");
            var cases = new HostileCases(server.Address, server.ProcessId, settings);
            await cases.WarmUpAsync();
            var start = HostileMemory.Megabytes(HostileMemory.Resident(server.ProcessId));
            progress($"  the server started at {start:N0} MB resident");

            var results = new List<HostileCase>();
            foreach (var (name, run) in new (string, Func<Task<(int Answered, int Refused, string Detail)>>)[]
            {
                ($"{settings.Drops:N0} joins dropped", cases.DropJoinsAsync),
                ($"{settings.Renames:N0} renames, {settings.People:N0} people", cases.FloodRenamesAsync),
                ($"{settings.Points:N0} points, {settings.Readers:N0} readers", cases.FillAndReadAsync),
                ($"{settings.Exports:N0} exports at once", cases.ExportAtOnceAsync),
                ($"{settings.Creations:N0} boards from one address", cases.CreateBoardsAsync),
            })
            {
                await using var memory = HostileMemory.Start(server.ProcessId);
                var (answered, refused, detail) = await run();
                await Task.Delay(TimeSpan.FromSeconds(settings.SettleSeconds));
                var (before, peak, after) = await memory.EndAsync();
                var live = settings.LiveHeap
                    ? HostileMemory.Megabytes((await LiveHeap.AfterFullCollectionAsync(server.ProcessId, DiagnosticsTimeout)).LiveBytes)
                    : (double?)null;
                var hostile = new HostileCase(name, before, peak, after, answered, refused, detail, live);
                progress($"  {name}: {before:N0} -> peak {peak:N0} -> {after:N0} MB; {answered:N0} answered, {refused:N0} refused; {detail}{(live is null ? "" : $"; {live:N0} MB live")}");
                results.Add(hostile);
            }

            return new HostileResult(start, results);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
