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
    private readonly Lock pointersGate = new();
    private Dictionary<int, SeatPointer>? movedPointers;
    private volatile bool lagging;

    internal RoomSubscription(ParticipantId participant, BoardKey key, string name, int capacity)
    {
        Participant = participant;
        Key = key;
        Name = name;
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

    /// <summary>This page's number among those on the board, given by the room on joining.</summary>
    public int Seat { get; internal set; }

    /// <summary>The name the others see, as last given: asked for again should the board's writer restart.</summary>
    internal string Name { get; set; }

    public bool IsLagging => lagging;

    /// <summary>Whether the participant's connection is up, as last told; written by the room's loop only.</summary>
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

    /// <summary>
    /// Keeps the latest position of each pointer that moved, and wakes the session once for all of
    /// them: however fast pointers move, they take one place in the queue.
    /// </summary>
    internal void OfferPointers(IReadOnlyList<SeatPointer> moved)
    {
        bool wake;
        lock (pointersGate)
        {
            wake = movedPointers is null;
            movedPointers ??= [];
            foreach (var pointer in moved)
            {
                movedPointers[pointer.Seat] = pointer;
            }
        }

        if (wake)
        {
            Offer(PointersUpdate.Moved);
        }
    }

    /// <summary>The pointers that moved since last asked (a snapshot holds them all, so it takes them too).</summary>
    public IReadOnlyList<SeatPointer> TakePointers()
    {
        lock (pointersGate)
        {
            var taken = movedPointers?.Values.ToList() ?? [];
            movedPointers = null;
            return taken;
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
