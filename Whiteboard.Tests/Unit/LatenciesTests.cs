using Whiteboard.Bench.Measure;

namespace Whiteboard.Tests.Unit;

public sealed class LatenciesTests
{
    [Fact]
    public void Percentiles_and_the_longest_are_within_a_tenth_of_a_percent()
    {
        var histogram = Latencies.NewHistogram();
        for (var micros = 1; micros <= 100_000; micros++)
        {
            histogram.Record(TimeSpan.FromMicroseconds(micros));
        }

        Assert.Equal(100_000, histogram.TotalCount);
        Assert.Equal(50_000, histogram.Percentile(50).TotalMicroseconds, tolerance: 50);
        Assert.Equal(99_000, histogram.Percentile(99).TotalMicroseconds, tolerance: 99);
        Assert.Equal(10, histogram.Percentile(0.01).TotalMicroseconds, tolerance: 0.5);
        Assert.Equal(100_000, histogram.Max.TotalMicroseconds, tolerance: 100);
        Assert.Equal(histogram.Max, histogram.Percentile(100));
    }

    [Fact]
    public void None_recorded_reads_as_zero()
    {
        var histogram = Latencies.NewHistogram();

        Assert.Equal(TimeSpan.Zero, histogram.Percentile(99));
        Assert.Equal(TimeSpan.Zero, histogram.Max);
    }

    [Fact]
    public void Many_threads_recording_at_once_lose_none_and_a_latency_past_an_hour_counts_as_an_hour()
    {
        var histogram = Latencies.NewHistogram();
        Parallel.For(0, 100_000, _ => histogram.Record(TimeSpan.FromMilliseconds(2)));
        Assert.Equal(100_000, histogram.TotalCount);
        Assert.Equal(2, histogram.Percentile(99).TotalMilliseconds, tolerance: 0.002);

        histogram.Record(TimeSpan.FromDays(2));
        Assert.Equal(100_001, histogram.TotalCount);
        Assert.Equal(TimeSpan.FromHours(1).TotalSeconds, histogram.Max.TotalSeconds, tolerance: 3.6);
    }
}
