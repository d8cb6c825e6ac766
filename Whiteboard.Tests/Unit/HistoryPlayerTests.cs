using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App.Components.Board;
using Whiteboard.App.History;
using Whiteboard.Shared.State;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// One person's history view (issue 24, item 6): a slider moved quickly reads one moment at a time, always the latest
/// chosen, and never shows a moment overtaken by a later choice; playing steps to the end of the timeline; the timeline's
/// end follows the board's latest moment while the view is open.
/// </summary>
public sealed class HistoryPlayerTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>The reads asked for, in order, each answered when the test says.</summary>
    private readonly Channel<(long Sequence, TaskCompletionSource<HistoryMoment> Answer)> reads = Channel.CreateUnbounded<(long, TaskCompletionSource<HistoryMoment>)>();
    private readonly List<long> shown = [];
    /// <summary>Each time the player says something shown changed on its own.</summary>
    private readonly Channel<bool> changes = Channel.CreateUnbounded<bool>();
    /// <summary>The board's latest moment, as the page's session has been shown it.</summary>
    private long latest = 40;
    private HistoryPlayer player;

    public HistoryPlayerTests() => player = PlayerOf(new HistoryTimeline(0, 40, [new HistoryMark(40, null, null)]));

    private HistoryPlayer PlayerOf(HistoryTimeline timeline) =>
        new(timeline, () => Interlocked.Read(ref latest), Read, Show, Changed, TimeProvider.System, NullLogger.Instance);

    private Task Changed()
    {
        Assert.True(changes.Writer.TryWrite(true));
        return Task.CompletedTask;
    }

    private Task<HistoryMoment> Read(long sequence, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<HistoryMoment>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(reads.Writer.TryWrite((sequence, answer)));
        return answer.Task;
    }

    private Task Show(HistoryMoment moment)
    {
        lock (shown)
        {
            shown.Add(moment.Sequence);
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits for the next read the player asks for, and answers it with that moment when told to.</summary>
    private async Task<(long Sequence, Action Answer)> NextReadAsync()
    {
        var (sequence, answer) = await reads.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        return (sequence, () => answer.SetResult(new HistoryMoment(sequence, null, new BoardSnapshot(sequence, [], []), [])));
    }

    private long[] Shown()
    {
        lock (shown)
        {
            return [.. shown];
        }
    }

    [Fact]
    public async Task A_slider_moved_quickly_reads_one_moment_at_a_time_and_shows_only_the_latest()
    {
        var first = player.ChooseAsync(30);
        var reading = await NextReadAsync();
        // Moved on while moment 30 is read: nothing more is read yet.
        await player.ChooseAsync(20);
        await player.ChooseAsync(10);
        Assert.False(reads.Reader.TryPeek(out _));

        reading.Answer();
        // Moment 30 came too late: dropped, and the latest choice (not 20) is read next.
        var latest = await NextReadAsync();
        Assert.Equal(10, latest.Sequence);
        Assert.Empty(Shown());

        latest.Answer();
        await first.WaitAsync(Patience);
        Assert.Equal([10], Shown());
        Assert.Equal(10, player.Shown?.Sequence);
        Assert.False(reads.Reader.TryPeek(out _));
    }

    [Fact]
    public async Task A_choice_outside_the_timeline_shows_its_nearest_end()
    {
        var choosing = player.ChooseAsync(99);
        var read = await NextReadAsync();
        read.Answer();
        await choosing.WaitAsync(Patience);

        Assert.Equal(40, read.Sequence);
        Assert.Equal([40], Shown());
    }

    [Fact]
    public async Task Playing_from_the_end_starts_over_and_steps_to_the_end()
    {
        await player.DisposeAsync();
        player = PlayerOf(new HistoryTimeline(0, 3, [new HistoryMark(3, null, null)]));

        var starting = player.PlayAsync();
        var first = await NextReadAsync();
        first.Answer();
        await starting.WaitAsync(Patience);
        Assert.True(player.IsPlaying);

        // Each step is read once the last was shown.
        for (var step = 1; step <= 3; step++)
        {
            var read = await NextReadAsync();
            Assert.Equal(step, read.Sequence);
            read.Answer();
        }

        await player.Played.WaitAsync(Patience);
        Assert.False(player.IsPlaying);
        Assert.Equal([0, 1, 2, 3], Shown());
    }

    [Fact]
    public async Task Nothing_is_shown_once_the_view_closed_while_a_moment_was_read()
    {
        var choosing = player.ChooseAsync(5);
        var read = await NextReadAsync();
        await player.DisposeAsync();
        read.Answer();
        await choosing.WaitAsync(Patience);

        Assert.Empty(Shown());
    }

    [Fact]
    public async Task While_the_view_is_open_its_end_follows_the_boards_latest_moment_and_the_moment_shown_stays()
    {
        var opening = player.ChooseAsync(40);
        (await NextReadAsync()).Answer();
        await opening.WaitAsync(Patience);
        player.FollowLatest();

        Interlocked.Exchange(ref latest, 45);
        await changes.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        Assert.Equal(45, player.Last);
        Assert.Equal(40, player.Timeline.Last);
        Assert.Equal([40], Shown());
        Assert.False(reads.Reader.TryPeek(out _));

        // The new end can be chosen.
        var choosing = player.ChooseAsync(99);
        var read = await NextReadAsync();
        read.Answer();
        await choosing.WaitAsync(Patience);
        Assert.Equal(45, read.Sequence);
        Assert.Equal([40, 45], Shown());
    }

    public ValueTask DisposeAsync() => player.DisposeAsync();
}
