using System.Globalization;
using System.Text.Json;
using HdrHistogram;
using Whiteboard.Bench.Measure;

namespace Whiteboard.Bench.Commands;

/// <summary>How the scenarios' figures are written: the machine they ran on, latency cells and JSON, the results file.</summary>
internal static class Report
{
    public static string Machine => $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}";

    public static string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("N1", CultureInfo.InvariantCulture);

    /// <summary>A table row's "p50 | p95 | p99 | max" cells, in milliseconds.</summary>
    public static string LatencyCells(HistogramBase latencies) =>
        $"{Milliseconds(latencies.Percentile(50))} | {Milliseconds(latencies.Percentile(95))} | {Milliseconds(latencies.Percentile(99))} | {Milliseconds(latencies.Max)}";

    public static object LatencyJson(HistogramBase latencies) => new
    {
        count = latencies.TotalCount,
        p50Ms = latencies.Percentile(50).TotalMilliseconds,
        p95Ms = latencies.Percentile(95).TotalMilliseconds,
        p99Ms = latencies.Percentile(99).TotalMilliseconds,
        maxMs = latencies.Max.TotalMilliseconds,
    };

    /// <summary>Writes a scenario's results to bench-results/&lt;scenario&gt;.json, under the current folder.</summary>
    public static async Task WriteJsonAsync(string scenario, object results)
    {
        Directory.CreateDirectory("bench-results");
        await File.WriteAllTextAsync(Path.Combine("bench-results", $"{scenario}.json"), JsonSerializer.Serialize(results));
    }
}
