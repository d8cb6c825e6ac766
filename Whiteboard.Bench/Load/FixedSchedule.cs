using System.Diagnostics;

namespace Whiteboard.Bench.Load;

/// <summary>
/// Input at a fixed rate, open loop: the n-th tick is due n intervals after the start, whatever the
/// last input cost, so a slow receiver cannot slow the sender down and hide its own queueing.
/// </summary>
public sealed class FixedSchedule(TimeSpan interval)
{
    /// <summary>60 a second: a pen or a wheel as a browser samples it.</summary>
    public static readonly TimeSpan SixtyHertz = TimeSpan.FromSeconds(1.0 / 60);

    private readonly Stopwatch clock = Stopwatch.StartNew();

    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Waits until tick <paramref name="tick"/> is due (at once when it is already late).</summary>
    public async Task WaitForTickAsync(int tick)
    {
        var wait = interval * tick - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
}
