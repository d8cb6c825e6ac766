namespace Whiteboard.App.Boards;

/// <summary>How rooms keep boards in memory and in the store, and how many people they take.</summary>
public sealed class BoardRoomOptions
{
    /// <summary>Room turns a session may fall behind before it is sent a snapshot instead.</summary>
    public int SubscriberQueueCapacity { get; init; } = 256;

    /// <summary>
    /// Operations after which a board's state is written down whole, so loading it replays about this many at most:
    /// a few more when the last such write was still going on (writes take turns, one at a time).
    /// </summary>
    public int SnapshotEvery { get; init; } = 5_000;

    /// <summary>How long a board nobody is on stays in memory.</summary>
    public TimeSpan UnloadAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>People on this app instance at once (each tab counts); a newcomer over it is turned away.</summary>
    public int MaxParticipants { get; init; } = 2_000;

    /// <summary>People on one board at once; a newcomer over it is turned away.</summary>
    public int MaxParticipantsPerBoard { get; init; } = 200;
}
