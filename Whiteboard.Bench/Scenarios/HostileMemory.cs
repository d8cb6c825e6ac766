using Whiteboard.Bench.Measure;

namespace Whiteboard.Bench.Scenarios;

/// <summary>
/// The server's resident memory while one hostile case runs: read before it, every 150 ms during it (the
/// highest kept), and after it, once its clients are gone.
/// </summary>
internal sealed class HostileMemory : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(150);

    private readonly int processId;
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private long peak;

    private HostileMemory(int processId)
    {
        this.processId = processId;
        Before = Resident(processId);
        peak = Before;
        sampling = SampleAsync();
    }

    public long Before { get; }

    /// <summary>Starts sampling the server's resident memory, from now until <see cref="EndAsync"/>.</summary>
    public static HostileMemory Start(int processId) => new(processId);

    /// <summary>Stops sampling; returns the case's before, peak and after, in megabytes.</summary>
    public async Task<(double Before, double Peak, double After)> EndAsync()
    {
        await StopAsync();
        var after = Resident(processId);
        return (Megabytes(Before), Megabytes(Math.Max(peak, after)), Megabytes(after));
    }

    public static double Megabytes(long bytes) => bytes / (1024.0 * 1024.0);

    public static long Resident(int processId) => ProcessUsage.Of(processId).ResidentBytes;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stop.Dispose();
    }

    private async Task StopAsync()
    {
        await stop.CancelAsync();
        await sampling;
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                peak = Math.Max(peak, Resident(processId));
            }
        }
        catch (OperationCanceledException)
        {
            // Sampling ends when the case does.
        }
    }
}
