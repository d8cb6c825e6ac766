namespace Whiteboard.App.Boards;

/// <summary>
/// One stay of a session on one board, from the start of its join to its end: the room and subscription
/// once joined, the delivery of updates, and what cancels them. A join and a leave may overlap (a
/// connection dropping while it joins); the visit is ended once, after its join has finished, so a seat
/// taken by a join that was given up is still given back.
/// </summary>
internal sealed class BoardVisit
{
    private readonly CancellationTokenSource leaving = new();
    private readonly TaskCompletionSource joinFinished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BoardVisit() => Leaving = leaving.Token;

    /// <summary>Cancelled once the visit ends; a copy of the token, so it can still be read once its source is disposed.</summary>
    public CancellationToken Leaving { get; }

    public BoardRoom? Room { get; private set; }

    public RoomSubscription? Subscription { get; private set; }

    /// <summary>Set by the session, under its lock, once the join is kept and updates are delivered.</summary>
    public bool IsOnBoard { get; set; }

    /// <summary>The visit's end, once someone asked for it; set by the session, under its lock.</summary>
    public Task? Ending { get; set; }

    /// <summary>The delivery of the room's updates, once the join is kept.</summary>
    public Task Delivery { get; set; } = Task.CompletedTask;

    /// <summary>The room took the subscription: from here on, ending the visit leaves the room.</summary>
    public void Joined(BoardRoom room, RoomSubscription subscription) => (Room, Subscription) = (room, subscription);

    /// <summary>The join is over, kept or not: what it took is known.</summary>
    public void JoinFinished() => joinFinished.TrySetResult();

    /// <summary>Cancels what is under way, waits for the join and the delivery to stop, and gives the seat back.</summary>
    public async Task EndAsync(BoardRooms rooms)
    {
        await leaving.CancelAsync();
        await joinFinished.Task;
        await Delivery;
        if (Room is { } room && Subscription is { } subscription)
        {
            await rooms.LeaveAsync(room, subscription);
        }

        leaving.Dispose();
    }
}
