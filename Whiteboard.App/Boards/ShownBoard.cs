using Whiteboard.Shared.State;

namespace Whiteboard.App.Boards;

/// <summary>
/// The board as one participant has been shown it, kept from the updates delivered to them: its elements,
/// what they may do, who is on it and their own seat.
/// </summary>
internal sealed class ShownBoard
{
    public BoardMirror Mirror { get; } = new();

    public BoardInfo? Info { get; private set; }

    public IReadOnlyList<Seat> People { get; private set; } = [];

    public int Seat { get; private set; }

    public void Show(RoomUpdate update)
    {
        switch (update)
        {
            case SnapshotUpdate snapshot:
                Mirror.Show(snapshot.Snapshot);
                Info = snapshot.Info;
                People = snapshot.People;
                Seat = snapshot.YourSeat;
                break;
            case PresenceUpdate presence:
                People = presence.People;
                break;
            case InfoUpdate info:
                Info = info.Info;
                break;
            case EventsUpdate events:
                foreach (var boardEvent in events.Events)
                {
                    Mirror.Show(boardEvent.Change);
                }

                break;
        }
    }

    /// <summary>Off the board: no access, nobody, no seat (the elements stay until the next snapshot replaces them).</summary>
    public void Leave()
    {
        Info = null;
        People = [];
        Seat = 0;
    }
}
