using HdrHistogram;

namespace Whiteboard.Bench.Measure;

/// <summary>
/// Latencies in HdrHistogram's histograms, in microseconds from 1 µs to an hour at three significant digits
/// (any value within 0.1 %), recorded into from many threads at once; read as <see cref="TimeSpan"/>s.
/// </summary>
public static class Latencies
{
    private static readonly long Longest = (long)TimeSpan.FromHours(1).TotalMicroseconds;

    public static LongConcurrentHistogram NewHistogram() => new(1, Longest, 3);

    extension(HistogramBase histogram)
    {
        /// <summary>Records one latency; one over an hour counts as an hour, one under a microsecond as one.</summary>
        public void Record(TimeSpan latency) => histogram.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 1, Longest));

        /// <summary>The latency at or under which <paramref name="percent"/> of those recorded fall (0 when none were), never over the longest.</summary>
        public TimeSpan Percentile(double percent) => histogram.TotalCount == 0
            ? TimeSpan.Zero
            : TimeSpan.FromMicroseconds(Math.Min(histogram.GetValueAtPercentile(percent), histogram.GetMaxValue()));

        /// <summary>The longest recorded, to within the histogram's precision (0 when none were).</summary>
        public TimeSpan Max => histogram.TotalCount == 0 ? TimeSpan.Zero : TimeSpan.FromMicroseconds(histogram.GetMaxValue());
    }
}
