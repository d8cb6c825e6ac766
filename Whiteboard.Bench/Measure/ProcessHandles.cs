using System.Globalization;

namespace Whiteboard.Bench.Measure;

/// <summary>What a process holds open, read from /proc (Linux): its file descriptors (files, sockets, pipes) and threads.</summary>
public readonly record struct ProcessHandles(int Descriptors, int Threads)
{
    public static ProcessHandles Of(int processId)
    {
        var descriptors = Directory.GetFileSystemEntries($"/proc/{processId}/fd").Length;
        var threads = File.ReadLines($"/proc/{processId}/status").First(line => line.StartsWith("Threads:", StringComparison.Ordinal));
        return new ProcessHandles(descriptors, int.Parse(threads["Threads:".Length..].Trim(), CultureInfo.InvariantCulture));
    }
}
