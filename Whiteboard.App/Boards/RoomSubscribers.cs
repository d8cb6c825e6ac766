using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Boards;

/// <summary>
/// Who is on one board, as its room's loop sees them: their subscriptions in the order they came, the seat
/// and color each was given, and what changed about whom since everyone was last told. Used by the loop only.
/// </summary>
internal sealed class RoomSubscribers
{
    private readonly List<RoomSubscription> subscribers = [];

    // The seats touched this turn, each as everyone was last told it (null: joined this turn), and whether it left.
    private readonly Dictionary<RoomSubscription, (Seat? Told, bool Left)> touched = [];
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
        touched[subscription] = (null, false);
    }

    /// <summary>False when the subscription was not here.</summary>
    public bool Remove(RoomSubscription subscription)
    {
        if (!subscribers.Contains(subscription))
        {
            return false;
        }

        Touch(subscription);
        touched[subscription] = touched[subscription] with { Left = true };
        return subscribers.Remove(subscription);
    }

    public void SetDrawing(RoomSubscription subscription, bool drawing)
    {
        if (subscription.IsDrawing != drawing)
        {
            Touch(subscription);
            subscription.IsDrawing = drawing;
        }
    }

    public void Rename(RoomSubscription subscription, string name)
    {
        if (Contains(subscription))
        {
            Touch(subscription);
            subscription.Name = name;
        }
    }

    public void SetConnected(RoomSubscription subscription, bool connected)
    {
        if (Contains(subscription))
        {
            Touch(subscription);
            subscription.IsConnected = connected;
        }
    }

    public List<Seat> People() => [.. subscribers.Select(SeatOf)];

    public void Publish(RoomUpdate update)
    {
        foreach (var subscriber in subscribers)
        {
            subscriber.Offer(update);
        }
    }

    /// <summary>
    /// Tells everyone what changed about whom since they were last told, one change per seat (a person who came
    /// and went within the turn, or whose changes undid each other, is no change at all); nothing when nothing did.
    /// </summary>
    public void PublishChanges()
    {
        if (touched.Count == 0)
        {
            return;
        }

        List<SeatChange> changes = [];
        foreach (var (subscription, (told, left)) in touched)
        {
            var now = left ? null : SeatOf(subscription);
            if (told is null && now is not null)
            {
                changes.Add(SeatChange.Joined(now));
            }
            else if (told is not null && now is null)
            {
                changes.Add(SeatChange.Left(told.Number));
            }
            else if (told is not null && now != told)
            {
                changes.Add(SeatChange.Changed(now!));
            }
        }

        touched.Clear();
        if (changes.Count > 0)
        {
            Publish(new PeopleChangedUpdate(changes));
        }
    }

    public void CloseAll()
    {
        foreach (var subscriber in subscribers)
        {
            subscriber.Close();
        }
    }

    private static Seat SeatOf(RoomSubscription subscriber) =>
        new(subscriber.Seat, subscriber.Name, subscriber.Color, subscriber.IsDrawing, subscriber.IsConnected);

    /// <summary>Notes the seat as everyone knows it, before its first change this turn.</summary>
    private void Touch(RoomSubscription subscription) => touched.TryAdd(subscription, (SeatOf(subscription), false));
}
