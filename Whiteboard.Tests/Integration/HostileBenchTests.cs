using System.Diagnostics;
using Whiteboard.App;
using Whiteboard.Bench.Scenarios;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Tests.Integration;

/// <summary>A small run of the bench's hostile scenario: every case runs and the server refuses what is past its limits (no memory threshold here).</summary>
public sealed class HostileBenchTests
{
    [Fact]
    public async Task Every_hostile_case_runs_against_the_shipped_app_and_is_refused_past_its_limits()
    {
        var settings = new HostileSettings(Drops: 12, People: 6, Renames: 120, Points: 2 * BoardLimits.MaxPointsPerStroke, Readers: 3, Exports: 10, Creations: 100);
        var progress = new List<string>();
        var clock = Stopwatch.StartNew();

        var result = await HostileScenario.RunAsync(settings, progress.Add);
        var elapsed = clock.Elapsed;

        Assert.Equal(5, result.Cases.Count);
        var (drops, renames, fill, exports, creations) = (result.Cases[0], result.Cases[1], result.Cases[2], result.Cases[3], result.Cases[4]);
        var report = string.Join('\n', progress);

        // Every dropped join gave its seat back: none was refused as full, and a newcomer got in after them.
        Assert.Equal(0, drops.Refused);
        Assert.Contains("a newcomer joined", drops.Detail, StringComparison.Ordinal);

        // Each person's first renames are taken (a burst of 5), the flood past them refused.
        Assert.Equal(settings.Renames, renames.Answered + renames.Refused);
        Assert.InRange(renames.Answered, settings.People, settings.Renames - 1);
        Assert.True(renames.Refused > 0, report);

        // Two full strokes and a third under the board's limit, each batch taken, and each reader was sent the board.
        Assert.Equal(0, fill.Refused);
        Assert.Equal(3 + settings.Readers, fill.Answered);
        Assert.Contains($"{settings.Readers} readers had its 3 elements", fill.Detail, StringComparison.Ordinal);

        // Every export was served or turned away as busy, none failed.
        Assert.Equal(settings.Exports, exports.Answered + exports.Refused);
        Assert.True(exports.Answered > 0, report);

        // The shipped budget held: past its burst and what it earned back while the run went on (the warm-up and earlier
        // cases made a few boards too), boards were refused with 429.
        var shipped = new WhiteboardOptions();
        var budget = shipped.BoardCreationBurst + (int)Math.Ceiling(shipped.BoardCreationsPerMinute * elapsed.TotalMinutes);
        Assert.Equal(settings.Creations, creations.Answered + creations.Refused);
        Assert.InRange(creations.Answered, 1, budget);
        Assert.True(creations.Refused >= settings.Creations - budget, report);

        foreach (var hostile in result.Cases)
        {
            Assert.True(hostile.BeforeMegabytes > 10 && hostile.PeakMegabytes >= hostile.BeforeMegabytes && hostile.PeakMegabytes >= hostile.AfterMegabytes, report);
        }

        Assert.Contains(progress, line => line.Contains("started at", StringComparison.Ordinal));
    }
}
