namespace Whiteboard.App.Boards;

/// <summary>
/// How many of one board's large snapshots are being sent at once. A snapshot is made once and shared; a hub
/// connection is sent it in parts of about 1 MB, each written as it goes (Hubs/SnapshotPart), and a circuit its
/// shared drawing: what a send costs is the CPU to write it and the buffers it holds while it lasts, so ten
/// readers that fell behind together take turns. Past the bound a reader waits its turn in its own delivery,
/// never in the room's loop: the room and everyone else go on.
/// </summary>
public sealed class SnapshotSends(TimeProvider clock)
{
    /// <summary>
    /// Large snapshots of one board being sent at once. Ten hub programs joining a 1.6 M-point board together,
    /// when each was sent the whole board's JSON in one message, took the server up 192 MB with two (in 1.5 s),
    /// 336 MB with four (1.0 s), and 886 MB when each was serialized its own snapshot (9.4 s).
    /// </summary>
    public const int AtOnce = 2;

    /// <summary>Below this much content (about 80,000 points) a snapshot costs too little to wait for: a classroom opening a small board never queues.</summary>
    public const long SmallBytes = 1024 * 1024;

    /// <summary>How long one send may hold its turn: a reader that stops reading must not keep the others waiting for good.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    // Never disposed: a session may still be waiting on it as its room stops, and it holds no handle unless asked for one.
    private readonly SemaphoreSlim turns = new(AtOnce, AtOnce);

    /// <summary>
    /// Shows a batch, after waiting for a turn if it holds a large snapshot. Returns once it is handed on, with
    /// its showing, during which the turn is held (up to <see cref="Patience"/>).
    /// </summary>
    public async Task<Task> ShowAsync(IReadOnlyList<RoomUpdate> batch, Func<IReadOnlyList<RoomUpdate>, Task> show, CancellationToken cancellationToken)
    {
        if (!batch.OfType<SnapshotUpdate>().Any(snapshot => snapshot.Snapshot.Size.Bytes >= SmallBytes))
        {
            return show(batch);
        }

        await turns.WaitAsync(cancellationToken);
        Task showing;
        try
        {
            showing = show(batch);
        }
        catch
        {
            turns.Release();
            throw;
        }

        return HoldTurnWhileAsync(showing);
    }

    private async Task HoldTurnWhileAsync(Task showing)
    {
        try
        {
            await showing.WaitAsync(Patience, clock);
        }
        catch (TimeoutException)
        {
            // Still showing: the next reader goes, and this showing is still awaited below.
        }
        finally
        {
            turns.Release();
        }

        await showing;
    }
}
