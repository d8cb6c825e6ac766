using Whiteboard.App.History;
using Whiteboard.App.Storage;

namespace Whiteboard.App.Components.Board;

/// <summary>
/// One person's history view of a board: its timeline, the moment chosen on it, the moment shown, and whether it plays.
/// A slider moves faster than moments are read, so one is read at a time, always the latest chosen, and a moment read
/// while a later one was chosen is dropped: the page is never sent a moment it no longer wants, and work never piles up.
/// While the view is open the timeline's end follows the board's latest moment (<see cref="FollowLatest"/>), so what
/// others draw meanwhile can be reached.
/// Used on its circuit's dispatcher only (the history panel's events and its own loops), so it needs no lock.
/// </summary>
/// <param name="latest">The board's latest moment as the page has been shown it (<see cref="Boards.BoardSession.Sequence"/>).</param>
/// <param name="read">Reads the board at a moment (<see cref="BoardHistory.AtAsync"/>).</param>
/// <param name="show">Has the page show a moment instead of the live board.</param>
/// <param name="changed">Something shown changed without the person doing anything: a step of the play, its end, a failure, the timeline's new end.</param>
public sealed class HistoryPlayer(
    HistoryTimeline timeline,
    Func<long> latest,
    Func<long, CancellationToken, Task<HistoryMoment>> read,
    Func<HistoryMoment, Task> show,
    Func<Task> changed,
    TimeProvider time,
    ILogger log) : IAsyncDisposable
{
    /// <summary>How long playing the whole history takes, about, however long it is.</summary>
    public static readonly TimeSpan PlayTime = TimeSpan.FromSeconds(10);

    /// <summary>The most moments shown while playing: one a tenth of a second over <see cref="PlayTime"/>.</summary>
    public const int PlaySteps = 100;

    /// <summary>The longest a moment shows while playing, however short the history (a board of three operations).</summary>
    private static readonly TimeSpan LongestStep = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often the timeline's end is brought up to the board's latest moment: a class drawing together makes many
    /// operations a second, and the panel is drawn again at most this often for them.
    /// </summary>
    public static readonly TimeSpan FollowPace = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource stopped = new();
    private CancellationTokenSource? playing;
    private Task playLoop = Task.CompletedTask;
    private Task followLoop = Task.CompletedTask;
    private bool reading;
    private bool disposed;

    /// <summary>The board's history as it was read when the view opened.</summary>
    public HistoryTimeline Timeline => timeline;

    /// <summary>The last moment that can be chosen: the timeline's last, or the board's latest since the view opened.</summary>
    public long Last { get; private set; } = timeline.Last;

    /// <summary>The moment asked for last (the slider's position).</summary>
    public long Chosen { get; private set; } = timeline.Last;

    /// <summary>The moment the page shows; null until the first one is read.</summary>
    public HistoryMoment? Shown { get; private set; }

    public bool IsPlaying => playing is not null;

    /// <summary>Why the last moment chosen could not be shown, in plain words; null when it was.</summary>
    public string? Problem { get; private set; }

    /// <summary>Shows a moment of the timeline (a position outside it is taken to its nearest end).</summary>
    public async Task ChooseAsync(long sequence)
    {
        Chosen = Math.Clamp(sequence, timeline.First, Last);
        if (reading)
        {
            return; // the read under way goes on to this one when it ends
        }

        reading = true;
        try
        {
            while (!stopped.IsCancellationRequested && Shown?.Sequence != Chosen)
            {
                var asked = Chosen;
                var moment = await read(asked, stopped.Token);
                if (asked == Chosen && !stopped.IsCancellationRequested)
                {
                    await show(moment);
                    Shown = moment;
                    Problem = null;
                }
            }
        }
        catch (Exception exception) when (!stopped.IsCancellationRequested)
        {
            // The person is told the plain reason and can choose again; the operator's log gets the exception.
            log.LogError(exception, "A moment of a board's history could not be shown.");
            Problem = StoreFailure.Describe(exception);
            if (playing is { } loop)
            {
                await loop.CancelAsync(); // not awaited here: this may be the play loop's own step
            }
        }
        catch (Exception) when (stopped.IsCancellationRequested)
        {
            // The view closed while it read or showed: nothing of it is wanted any more.
        }
        finally
        {
            reading = false;
        }
    }

    /// <summary>Plays the history from the moment chosen (from its start when that is its end), a step at a steady pace.</summary>
    public async Task PlayAsync()
    {
        if (IsPlaying || disposed)
        {
            return;
        }

        if (Chosen == Last)
        {
            await ChooseAsync(timeline.First);
        }

        playing = CancellationTokenSource.CreateLinkedTokenSource(stopped.Token);
        playLoop = PlayLoopAsync(playing.Token);
    }

    /// <summary>Stops playing where it is; the moment shown stays.</summary>
    public async Task PauseAsync()
    {
        if (playing is not { } loop)
        {
            return;
        }

        await loop.CancelAsync();
        await playLoop;
    }

    /// <summary>Ends when the play ends: at the end of the timeline, paused, or stopped by a moment that could not be read.</summary>
    public Task Played => playLoop;

    private async Task PlayLoopAsync(CancellationToken cancellationToken)
    {
        // To the end as it is when the play starts: on a board others keep drawing on, a play that followed it might never end.
        var end = Last;
        var span = end - timeline.First;
        var steps = Math.Clamp(span, 1, PlaySteps);
        var step = (span + steps - 1) / steps;
        var pace = PlayTime / steps < LongestStep ? PlayTime / steps : LongestStep;
        try
        {
            using var ticks = new PeriodicTimer(pace, time);
            while (Chosen < end && await ticks.WaitForNextTickAsync(cancellationToken))
            {
                // A read slower than the pace holds the next step back: the timer does not queue ticks meanwhile.
                await ChooseAsync(Math.Min(end, Chosen + step));
                await changed();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Paused, or the view closed.
        }
        finally
        {
            playing?.Dispose();
            playing = null;
        }

        if (!stopped.IsCancellationRequested)
        {
            await changed();
        }
    }

    /// <summary>
    /// Until the view closes, moves the timeline's end up to the board's latest moment every <see cref="FollowPace"/> when
    /// it has moved on. The moment chosen and shown stay: the person moves to the new ones when they like.
    /// </summary>
    public void FollowLatest()
    {
        if (!disposed && followLoop.IsCompleted)
        {
            followLoop = FollowLoopAsync(stopped.Token);
        }
    }

    private async Task FollowLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var ticks = new PeriodicTimer(FollowPace, time);
            while (await ticks.WaitForNextTickAsync(cancellationToken))
            {
                var newest = latest();
                if (newest > Last)
                {
                    Last = newest;
                    await changed();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The view closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await stopped.CancelAsync();
        try
        {
            await Task.WhenAll(playLoop, followLoop);
        }
        finally
        {
            stopped.Dispose();
        }
    }
}
