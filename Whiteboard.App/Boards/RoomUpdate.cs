using Whiteboard.Shared.State;

namespace Whiteboard.App.Boards;

/// <summary>What a room sends each subscribed session, in order.</summary>
public abstract record RoomUpdate;

/// <summary>The whole board: on joining, and instead of the events a lagging session missed.</summary>
public sealed record SnapshotUpdate(BoardSnapshot Snapshot, int ParticipantCount, BoardInfo Info) : RoomUpdate;

/// <summary>The events of one turn of the room's loop, shared by every receiver.</summary>
public sealed record EventsUpdate(IReadOnlyList<BoardEvent> Events) : RoomUpdate;

public sealed record PresenceUpdate(int ParticipantCount) : RoomUpdate;

/// <summary>The board was renamed, or its edit link replaced: what this participant may now do and hand out.</summary>
public sealed record InfoUpdate(BoardInfo Info) : RoomUpdate;
