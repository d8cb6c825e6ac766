using Whiteboard.Bench.Measure;

namespace Whiteboard.Tests.Unit;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_are_within_two_percent_and_the_maximum_is_exact()
    {
        var histogram = new LatencyHistogram();
        for (var micros = 1; micros <= 100_000; micros++)
        {
            histogram.Record(TimeSpan.FromMicroseconds(micros));
        }

        Assert.Equal(100_000, histogram.Count);
        Assert.Equal(50_000, histogram.Percentile(50).TotalMicroseconds, tolerance: 1_000);
        Assert.Equal(99_000, histogram.Percentile(99).TotalMicroseconds, tolerance: 1_980);
        Assert.Equal(10, histogram.Percentile(0.01).TotalMicroseconds, tolerance: 0.5);
        Assert.Equal(TimeSpan.FromMicroseconds(100_000), histogram.Max);
        Assert.Equal(histogram.Max, histogram.Percentile(100));
        Assert.Equal(TimeSpan.Zero, new LatencyHistogram().Percentile(99));
    }
}
