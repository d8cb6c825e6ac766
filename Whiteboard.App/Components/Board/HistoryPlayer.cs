using Whiteboard.App.History;
using Whiteboard.App.Storage;

namespace Whiteboard.App.Components.Board;

/// <summary>
/// One person's history view of a board: its timeline, the moment chosen on it, the moment shown, and whether it plays.
/// A slider moves faster than moments are read, so one is read at a time, always the latest chosen, and a moment read
/// while a later one was chosen is dropped: the page is never sent a moment it no longer wants, and work never piles up.
/// Used on its circuit's dispatcher only (the history panel's events and its own play loop), so it needs no lock.
/// </summary>
/// <param name="read">Reads the board at a moment (<see cref="BoardHistory.AtAsync"/>).</param>
/// <param name="show">Has the page show a moment instead of the live board.</param>
/// <param name="changed">Something shown changed without the person doing anything: a step of the play, its end, a failure.</param>
public sealed class HistoryPlayer(
    HistoryTimeline timeline,
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

    private readonly CancellationTokenSource stopped = new();
    private CancellationTokenSource? playing;
    private Task playLoop = Task.CompletedTask;
    private bool reading;
    private bool disposed;

    public HistoryTimeline Timeline => timeline;

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
        Chosen = Math.Clamp(sequence, timeline.First, timeline.Last);
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

        if (Chosen == timeline.Last)
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
        var span = timeline.Last - timeline.First;
        var steps = Math.Clamp(span, 1, PlaySteps);
        var step = (span + steps - 1) / steps;
        var pace = PlayTime / steps < LongestStep ? PlayTime / steps : LongestStep;
        try
        {
            using var ticks = new PeriodicTimer(pace, time);
            while (Chosen < timeline.Last && await ticks.WaitForNextTickAsync(cancellationToken))
            {
                // A read slower than the pace holds the next step back: the timer does not queue ticks meanwhile.
                await ChooseAsync(Math.Min(timeline.Last, Chosen + step));
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
            await playLoop;
        }
        finally
        {
            stopped.Dispose();
        }
    }
}
