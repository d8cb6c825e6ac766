using Whiteboard.Shared.State;

namespace Whiteboard.App.Boards;

/// <summary>What a room sends each subscribed session, in order.</summary>
public abstract record RoomUpdate;

/// <summary>
/// The whole board, with who is on it and where their pointers are: on joining, and instead of the
/// updates a lagging session missed. <paramref name="YourSeat"/> is the receiver's own seat.
/// </summary>
public sealed record SnapshotUpdate(
    BoardSnapshot Snapshot, IReadOnlyList<Seat> People, IReadOnlyList<SeatPointer> Pointers, int YourSeat, BoardInfo Info) : RoomUpdate;

/// <summary>The events of one turn of the room's loop, shared by every receiver.</summary>
public sealed record EventsUpdate(IReadOnlyList<BoardEvent> Events) : RoomUpdate;

/// <summary>
/// Who came, left, was renamed, started or stopped drawing, or lost or got back their connection in one turn of
/// the room's loop, one change per seat, shared by every receiver: what the room publishes, never the whole list.
/// </summary>
public sealed record PeopleChangedUpdate(IReadOnlyList<SeatChange> Changes) : RoomUpdate;

/// <summary>
/// Pointers that moved, latest only. The room offers one marker with an empty list and keeps the
/// positions in the subscription until the session takes them, so a flood of moves never fills
/// its queue (see <see cref="RoomSubscription.TakePointers"/>).
/// </summary>
public sealed record PointersUpdate(IReadOnlyList<SeatPointer> Pointers) : RoomUpdate
{
    internal static readonly PointersUpdate Moved = new([]);
}

/// <summary>The board was renamed, or its edit link replaced: what this participant may now do and hand out.</summary>
public sealed record InfoUpdate(BoardInfo Info) : RoomUpdate;
