namespace Whiteboard.App.Boards;

/// <summary>
/// Delivers one subscription's updates, in order, to whoever shows them: in batches, each gathered once it
/// can go, with up to <see cref="BoardSession.ShowsInFlight"/> handed on and not yet shown, and a large
/// snapshot only in its turn (<see cref="SnapshotSends"/>).
/// </summary>
internal static class SessionDelivery
{
    /// <summary>
    /// Runs until the subscription closes or <paramref name="cancellationToken"/> is cancelled; each update is
    /// passed to <paramref name="reflect"/> as it is taken, before its batch is shown. What is still being shown
    /// is seen to its end, so that its failure is not lost.
    /// </summary>
    public static async Task RunAsync(
        BoardRoom from, RoomSubscription updates, Action<RoomUpdate> reflect, Func<IReadOnlyList<RoomUpdate>, Task> show,
        CancellationToken cancellationToken)
    {
        var showing = new Queue<Task>();
        try
        {
            await DeliverAsync(from, updates, reflect, show, showing, cancellationToken);
        }
        finally
        {
            await Task.WhenAll(showing);
        }
    }

    /// <summary>
    /// Hands each batch on without waiting for the one before to be done, up to <see cref="BoardSession.ShowsInFlight"/>:
    /// a page answers a call a round trip later, and on a busy machine waiting for that answer before the next
    /// batch made each point wait a round trip more.
    /// </summary>
    private static async Task DeliverAsync(
        BoardRoom from, RoomSubscription updates, Action<RoomUpdate> reflect, Func<IReadOnlyList<RoomUpdate>, Task> show,
        Queue<Task> showing, CancellationToken cancellationToken)
    {
        while (true)
        {
            // A batch is gathered only once it can go, so that it takes in all that came meanwhile; a page
            // that stops answering leaves the room's queue to fill, and is then sent a snapshot instead.
            if (showing.Count == BoardSession.ShowsInFlight)
            {
                await showing.Dequeue();
            }

            if (!await updates.Updates.WaitToReadAsync(cancellationToken))
            {
                return;
            }

            // Events after a snapshot wait for the next batch: the snapshot drawn alone is the one every reader
            // shares, where events drawn onto it in the same batch would make this reader a copy of its own.
            var batch = new List<RoomUpdate>();
            var hasSnapshot = false;
            while (!(hasSnapshot && updates.Updates.TryPeek(out var next) && next is EventsUpdate) && updates.Updates.TryRead(out var update))
            {
                hasSnapshot |= update is SnapshotUpdate;
                reflect(update);
                if (update is not PointersUpdate)
                {
                    batch.Add(update);
                }

                // Moved pointers wait in the subscription, latest only; after a snapshot too, since
                // its wake-up may have been lost to a full queue.
                if (update is PointersUpdate or SnapshotUpdate && updates.TakePointers() is { Count: > 0 } moved)
                {
                    batch.Add(new PointersUpdate(moved));
                }
            }

            showing.Enqueue(await from.SnapshotSends.ShowAsync(batch, show, cancellationToken));
            if (updates.IsLagging)
            {
                await from.ResyncAsync(updates, cancellationToken);
            }
        }
    }
}
