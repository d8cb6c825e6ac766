using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Boards;

/// <summary>
/// Who is on one board, as its room's loop sees them: their subscriptions in the order they came, the seat
/// and color each was given, and whether who is here changed since it was last told. Used by the loop only.
/// </summary>
internal sealed class RoomSubscribers
{
    private readonly List<RoomSubscription> subscribers = [];
    private bool changed;
    private int lastSeat;

    public IReadOnlyList<RoomSubscription> All => subscribers;

    public bool Contains(RoomSubscription subscription) => subscribers.Contains(subscription);

    /// <summary>Whether the participant is here, in any of their pages.</summary>
    public bool Contains(ParticipantId participant) => subscribers.Any(subscriber => subscriber.Participant == participant);

    /// <summary>Seats a newcomer: the next number, and the first color nobody here has.</summary>
    public void Add(RoomSubscription subscription)
    {
        subscription.Seat = ++lastSeat;
        subscription.Color = SeatColors.Pick(subscribers.Select(subscriber => subscriber.Color));
        subscribers.Add(subscription);
        changed = true;
    }

    /// <summary>False when the subscription was not here.</summary>
    public bool Remove(RoomSubscription subscription)
    {
        var removed = subscribers.Remove(subscription);
        changed |= removed;
        return removed;
    }

    public void SetDrawing(RoomSubscription subscription, bool drawing)
    {
        changed |= subscription.IsDrawing != drawing;
        subscription.IsDrawing = drawing;
    }

    public void Rename(RoomSubscription subscription, string name)
    {
        if (Contains(subscription))
        {
            subscription.Name = name;
            changed = true;
        }
    }

    public void SetConnected(RoomSubscription subscription, bool connected)
    {
        if (Contains(subscription))
        {
            subscription.IsConnected = connected;
            changed = true;
        }
    }

    public List<Seat> People() =>
        [.. subscribers.Select(subscriber => new Seat(subscriber.Seat, subscriber.Name, subscriber.Color, subscriber.IsDrawing, subscriber.IsConnected))];

    public void Publish(RoomUpdate update)
    {
        foreach (var subscriber in subscribers)
        {
            subscriber.Offer(update);
        }
    }

    /// <summary>Tells everyone who is here, if that changed since they were last told.</summary>
    public void PublishIfChanged()
    {
        if (changed)
        {
            changed = false;
            Publish(new PresenceUpdate(People()));
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
