using System.Threading.Channels;
using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Boards;

/// <summary>
/// One session's place in a room: a bounded queue of updates. When the queue is full the room
/// stops writing to it and marks it lagging; the session then asks for a snapshot instead, so a
/// slow participant never holds up the room or the others.
/// </summary>
public sealed class RoomSubscription
{
    private readonly Channel<RoomUpdate> updates;
    private volatile bool lagging;

    internal RoomSubscription(ParticipantId participant, BoardKey key, int capacity)
    {
        Participant = participant;
        Key = key;
        updates = Channel.CreateBounded<RoomUpdate>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ParticipantId Participant { get; }

    /// <summary>The key of the link this participant came in by (or the new edit key they made); written by the room's loop only.</summary>
    internal BoardKey Key { get; set; }

    public ChannelReader<RoomUpdate> Updates => updates.Reader;

    public bool IsLagging => lagging;

    /// <summary>Whether the participant's connection is up; written by the room's loop only.</summary>
    internal bool IsConnected { get; set; } = true;

    /// <summary>Asks for a fresh snapshot, for a session that could not show what it was sent.</summary>
    public void MarkLagging() => lagging = true;

    internal void Offer(RoomUpdate update)
    {
        if (!lagging && !updates.Writer.TryWrite(update))
        {
            lagging = true;
        }
    }

    internal void OfferSnapshot(SnapshotUpdate snapshot)
    {
        if (updates.Writer.TryWrite(snapshot))
        {
            lagging = false;
        }
    }

    internal void Close() => updates.Writer.TryComplete();
}
