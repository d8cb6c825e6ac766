namespace Whiteboard.Bench.Load;

/// <summary>
/// Input at a fixed rate, open loop: tick n is due n intervals after the start, whatever the last input
/// cost, so a slow receiver cannot slow the sender down and hide its own queueing. A sender that falls
/// behind sends the ticks it missed at once, each with the time it was due: latency taken from that time
/// counts the sender's lateness too (coordinated omission).
/// </summary>
public sealed class FixedSchedule(TimeSpan interval, TimeProvider time)
{
    /// <summary>60 a second: a pen or a wheel as a browser samples it.</summary>
    public static readonly TimeSpan SixtyHertz = TimeSpan.FromSeconds(1.0 / 60);

    private readonly long start = time.GetTimestamp();

    public TimeSpan Elapsed => time.GetElapsedTime(start);

    /// <summary>When tick <paramref name="tick"/> is due, as a timestamp of the schedule's clock.</summary>
    public long DueAt(int tick) => start + (long)Math.Round(interval.TotalSeconds * tick * time.TimestampFrequency);

    /// <summary>Waits until tick <paramref name="tick"/> is due (at once when it is already late).</summary>
    public async Task WaitForTickAsync(int tick, CancellationToken cancellationToken = default)
    {
        var wait = interval * tick - Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>
    /// Calls <paramref name="send"/> with tick 0, 1, 2 ... and the timestamp each was due, each when it is due,
    /// until <paramref name="stop"/>. None is skipped: those due while an earlier one was being sent follow it at once.
    /// </summary>
    public async Task RunAsync(Action<int, long> send, CancellationToken stop)
    {
        try
        {
            for (var tick = 0; !stop.IsCancellationRequested; tick++)
            {
                await WaitForTickAsync(tick, stop);
                send(tick, DueAt(tick));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped while waiting for the next tick.
        }
    }
}
