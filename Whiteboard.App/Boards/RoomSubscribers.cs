namespace Whiteboard.App.Boards;

/// <summary>
/// The sessions on one board on this instance, as its room's loop sees them: their subscriptions in the order they
/// came. Who they are to the others (seats, names, pointers) is the board's writer's. Used by the loop only, but for
/// <see cref="Count"/>.
/// </summary>
internal sealed class RoomSubscribers
{
    private readonly List<RoomSubscription> subscribers = [];
    private int count;

    public IReadOnlyList<RoomSubscription> All => subscribers;

    /// <summary>How many there are, as last changed by the loop: for readers outside it (how often the room asks for news).</summary>
    public int Count => Volatile.Read(ref count);

    public bool Contains(RoomSubscription subscription) => subscribers.Contains(subscription);

    public void Add(RoomSubscription subscription)
    {
        subscribers.Add(subscription);
        Volatile.Write(ref count, subscribers.Count);
    }

    /// <summary>False when the subscription was not here.</summary>
    public bool Remove(RoomSubscription subscription)
    {
        var removed = subscribers.Remove(subscription);
        Volatile.Write(ref count, subscribers.Count);
        return removed;
    }

    public void Publish(RoomUpdate update)
    {
        foreach (var subscriber in subscribers)
        {
            subscriber.Offer(update);
        }
    }

    public void PublishPointers(IReadOnlyList<SeatPointer> moved)
    {
        foreach (var subscriber in subscribers)
        {
            subscriber.OfferPointers(moved);
        }
    }

    public void CloseAll()
    {
        foreach (var subscriber in subscribers)
        {
            subscriber.Close();
        }
    }
}
