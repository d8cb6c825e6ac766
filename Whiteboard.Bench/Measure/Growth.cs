namespace Whiteboard.Bench.Measure;

/// <summary>How fast a quantity sampled over time grows: the slope of the least-squares line through the samples.</summary>
public static class Growth
{
    /// <summary>The growth per hour; zero with fewer than two samples, or all at one moment.</summary>
    public static double PerHour(IReadOnlyList<(TimeSpan At, double Value)> samples)
    {
        if (samples.Count < 2)
        {
            return 0;
        }

        var meanHours = samples.Average(sample => sample.At.TotalHours);
        var meanValue = samples.Average(sample => sample.Value);
        var spread = samples.Sum(sample => Math.Pow(sample.At.TotalHours - meanHours, 2));
        return spread == 0 ? 0 : samples.Sum(sample => (sample.At.TotalHours - meanHours) * (sample.Value - meanValue)) / spread;
    }
}
