using Whiteboard.Bench.Load;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Unit;

public sealed class FixedScheduleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(40);
    private static readonly TimeSpan SendCost = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task A_sender_that_stalls_sends_every_tick_it_missed_and_their_latencies_include_the_stall()
    {
        var clock = new ManualClock();
        var schedule = new FixedSchedule(Interval, clock);
        using var stop = new CancellationTokenSource();
        var latencies = new List<double>();

        await schedule.RunAsync((tick, due) =>
        {
            // Each batch arrives the moment it leaves: its latency is how late it left.
            latencies.Add(clock.GetElapsedTime(due).TotalMilliseconds);
            // Sending costs 10 ms, but the send of tick 3 stalls for five ticks' time; then the sender idles until the next tick is due.
            clock.Advance(tick == 3 ? 5 * Interval : SendCost);
            clock.Ticks = Math.Max(clock.Ticks, schedule.DueAt(tick + 1));
            if (tick == 11)
            {
                stop.Cancel();
            }
        }, stop.Token);

        // None skipped: the five due during the stall leave at once, one after another, each timed from when it was due,
        // until the sender has caught up with the schedule.
        Assert.Equal([0, 0, 0, 0, 160, 130, 100, 70, 40, 10, 0, 0], latencies);
    }

    [Fact]
    public void Each_tick_is_due_a_whole_number_of_intervals_after_the_start()
    {
        var clock = new ManualClock();
        clock.Advance(TimeSpan.FromSeconds(5));
        var schedule = new FixedSchedule(Interval, clock);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(5).Ticks, schedule.DueAt(0));
        Assert.Equal((TimeSpan.FromSeconds(5) + 100 * Interval).Ticks, schedule.DueAt(100));
        Assert.Equal(TimeSpan.FromSeconds(1), schedule.Elapsed);
    }
}
