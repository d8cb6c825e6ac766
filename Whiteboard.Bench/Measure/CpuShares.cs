using System.Globalization;

namespace Whiteboard.Bench.Measure;

/// <summary>
/// Who used the machine's CPU over a stretch of time, in percent of one core: the browser with every process it
/// started, the server (when the bench started it), the bench itself, and what the cores left idle. Read from
/// /proc (Linux), so that a run shows by itself whether its latency is queueing for saturated cores.
/// </summary>
public sealed record CpuShares(double BrowserPercent, int BrowserProcesses, double? ServerPercent, double BenchPercent, double IdlePercent, int Cores)
{
    /// <summary>Starts counting now; the function returned gives the shares since.</summary>
    public static Func<CpuShares> Start(int browserProcessId, int? serverProcessId)
    {
        var start = Take(browserProcessId, serverProcessId);
        return () =>
        {
            var end = Take(browserProcessId, serverProcessId);
            var seconds = (end.At - start.At).TotalSeconds;
            double Percent(long ticks) => 100 * ticks / ProcessUsage.TicksPerSecond / seconds;
            // No page opens or closes while it counts: a process that ended meanwhile would take its time with it.
            return new CpuShares(
                Percent(Math.Max(0, end.BrowserTicks - start.BrowserTicks)), end.BrowserProcesses,
                end.ServerTicks is { } server && start.ServerTicks is { } before ? Percent(server - before) : null,
                Percent(end.BenchTicks - start.BenchTicks), Percent(end.IdleTicks - start.IdleTicks), Environment.ProcessorCount);
        };
    }

    private static Sample Take(int browserProcessId, int? serverProcessId)
    {
        var tree = ProcessUsage.Tree(browserProcessId);
        return new Sample(
            tree.Sum(id => ProcessUsage.CpuTicksOf(id) ?? 0), tree.Count, serverProcessId is { } server ? ProcessUsage.CpuTicksOf(server) ?? 0 : null,
            ProcessUsage.CpuTicksOf(Environment.ProcessId) ?? 0,
            MachineIdleTicks(), DateTime.UtcNow);
    }

    /// <summary>Idle and I/O-wait ticks of all cores together (/proc/stat's first line).</summary>
    public static long MachineIdleTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(fields[4], CultureInfo.InvariantCulture) + long.Parse(fields[5], CultureInfo.InvariantCulture);
    }

    private readonly record struct Sample(long BrowserTicks, int BrowserProcesses, long? ServerTicks, long BenchTicks, long IdleTicks, DateTime At);
}
