namespace Whiteboard.Bench.Measure;

/// <summary>
/// Latencies in microseconds, counted in log-linear buckets as HdrHistogram does (which does not
/// restore here): 64 buckets per power of two, so any percentile is within about 1.6 % of the truth,
/// from 1 µs to over an hour, in fixed memory. Safe to record into from many threads.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBuckets = 64;
    private const int Magnitudes = 40;
    private readonly long[] counts = new long[Magnitudes * SubBuckets];
    private long max;

    public long Count => counts.Sum();

    public void Record(TimeSpan latency)
    {
        var micros = Math.Max(1, (long)latency.TotalMicroseconds);
        Interlocked.Increment(ref counts[IndexOf(micros)]);
        long seen;
        while (micros > (seen = Interlocked.Read(ref max)) && Interlocked.CompareExchange(ref max, micros, seen) != seen)
        {
        }
    }

    /// <summary>The latency at or under which <paramref name="percent"/> of those recorded fall (0 when none were).</summary>
    public TimeSpan Percentile(double percent)
    {
        var total = Count;
        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        var wanted = (long)Math.Ceiling(total * percent / 100);
        long seen = 0;
        for (var index = 0; index < counts.Length; index++)
        {
            seen += counts[index];
            if (seen >= wanted)
            {
                return TimeSpan.FromMicroseconds(Math.Min(UpperBoundOf(index), Max.TotalMicroseconds));
            }
        }

        return Max;
    }

    public TimeSpan Max => TimeSpan.FromMicroseconds(Interlocked.Read(ref max));

    // Values under 64 µs have a bucket each; above, each power of two is split into 64 equal buckets.
    private static int IndexOf(long micros)
    {
        if (micros < SubBuckets)
        {
            return (int)micros;
        }

        var magnitude = 63 - (int)long.LeadingZeroCount(micros) - 5; // 1 for 64..127, 2 for 128..255 ...
        var sub = (int)(micros >> (magnitude - 1)) - SubBuckets;
        return Math.Min((magnitude * SubBuckets) + sub, (Magnitudes * SubBuckets) - 1);
    }

    private static double UpperBoundOf(int index)
    {
        if (index < SubBuckets)
        {
            return index;
        }

        var magnitude = index / SubBuckets;
        var sub = index % SubBuckets;
        return ((long)(SubBuckets + sub + 1) << (magnitude - 1)) - 1;
    }
}
