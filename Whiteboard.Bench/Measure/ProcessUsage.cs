using System.Globalization;

namespace Whiteboard.Bench.Measure;

/// <summary>The CPU time a process has used so far and its resident memory, read from /proc (Linux).</summary>
public readonly record struct ProcessUsage(TimeSpan Cpu, long ResidentBytes)
{
    /// <summary>Kernel clock ticks per second (USER_HZ): 100 on Linux.</summary>
    public const double TicksPerSecond = 100;

    public static ProcessUsage Of(int processId)
    {
        var ticks = CpuTicksOf(processId) ?? throw new InvalidOperationException($"Process {processId} has ended.");
        var resident = File.ReadLines($"/proc/{processId}/status").First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = long.Parse(resident.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return new ProcessUsage(TimeSpan.FromSeconds(ticks / TicksPerSecond), kilobytes * 1024);
    }

    /// <summary>
    /// The CPU time <paramref name="processId"/> and every process descending from it have used so far (a server that
    /// works in processes of its own, as PostgreSQL does), and the resident memory of the first alone.
    /// </summary>
    public static ProcessUsage OfTree(int processId)
    {
        var ticks = Tree(processId).Sum(id => CpuTicksOf(id) ?? 0);
        return Of(processId) with { Cpu = TimeSpan.FromSeconds(ticks / TicksPerSecond) };
    }

    /// <summary>A process and all that descend from it.</summary>
    public static List<int> Tree(int rootId)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var id) && ParentOf(id) is { } parent)
            {
                (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(id);
            }
        }

        var tree = new List<int> { rootId };
        for (var next = 0; next < tree.Count; next++)
        {
            tree.AddRange(children.GetValueOrDefault(tree[next]) ?? []);
        }

        return tree;
    }

    /// <summary>User and system clock ticks the process has used so far; null once it has ended.</summary>
    public static long? CpuTicksOf(int processId) => StatOf(processId) is { } fields
        ? long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
        : null;

    /// <summary>The process that started it; null once it has ended.</summary>
    public static int? ParentOf(int processId) => StatOf(processId) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// The fields of /proc/&lt;id&gt;/stat after "pid (name) ", from 0: state, parent, ... user time (11) and
    /// system time (12); null once the process has ended.
    /// </summary>
    private static string[]? StatOf(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
