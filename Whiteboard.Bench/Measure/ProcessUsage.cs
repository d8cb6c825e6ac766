using System.Globalization;

namespace Whiteboard.Bench.Measure;

/// <summary>The CPU time a process has used so far and its resident memory, read from /proc (Linux).</summary>
public readonly record struct ProcessUsage(TimeSpan Cpu, long ResidentBytes)
{
    /// <summary>Kernel clock ticks per second (USER_HZ): 100 on Linux.</summary>
    private const double TicksPerSecond = 100;

    public static ProcessUsage Of(int processId)
    {
        // /proc/<id>/stat: "pid (name) state ..."; utime and stime are fields 14 and 15, counted from 1.
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        var resident = File.ReadLines($"/proc/{processId}/status").First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = long.Parse(resident.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return new ProcessUsage(TimeSpan.FromSeconds(ticks / TicksPerSecond), kilobytes * 1024);
    }
}
