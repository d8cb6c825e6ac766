using System.Collections.Immutable;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Boards;

/// <summary>
/// The board as one participant has been shown it, kept from the updates delivered to them: its elements, how far
/// along its operations it is, what they may do, who is on it and their own seat. Who is on it comes whole in a
/// snapshot, and as changes after it.
/// </summary>
internal sealed class ShownBoard
{
    // Written by the delivery, read by the page's history view on its own thread.
    private long sequence;

    public BoardMirror Mirror { get; } = new();

    /// <summary>The sequence number of the board's latest operation shown: the snapshot's, then each event's.</summary>
    public long Sequence => Volatile.Read(ref sequence);

    public BoardInfo? Info { get; private set; }

    /// <summary>In seat order (as they came); a new list after each change, so a reader on another thread holds a steady one.</summary>
    public ImmutableList<Seat> People { get; private set; } = [];

    public int Seat { get; private set; }

    // Guards changes of `chat`: the delivery adds what was posted while the page adds older messages it asked for.
    private readonly Lock chatGate = new();
    private ImmutableList<ChatMessage> chat = [];

    /// <summary>The chat as shown, oldest first: the snapshot's latest messages, older ones asked for, and those posted since.</summary>
    public ImmutableList<ChatMessage> Chat => chat;

    /// <summary>Adds older messages, asked for by scrolling up, before those shown.</summary>
    public void ShowOlderChat(IReadOnlyList<ChatMessage> older)
    {
        lock (chatGate)
        {
            var first = chat.IsEmpty ? long.MaxValue : chat[0].Number;
            chat = chat.InsertRange(0, older.Where(message => message.Number < first));
        }
    }

    public void Show(RoomUpdate update) => Show(update, elements: true);

    /// <summary>Keeps all but the board's elements, for one who picks nothing on it: <see cref="Mirror"/> stays empty.</summary>
    public void ShowAllButElements(RoomUpdate update) => Show(update, elements: false);

    private void Show(RoomUpdate update, bool elements)
    {
        switch (update)
        {
            case SnapshotUpdate snapshot:
                if (elements)
                {
                    Mirror.Show(snapshot.Snapshot);
                }

                Volatile.Write(ref sequence, snapshot.Snapshot.Sequence);
                Info = snapshot.Info;
                People = [.. snapshot.People.OrderBy(seat => seat.Number)];
                Seat = snapshot.YourSeat;
                lock (chatGate)
                {
                    chat = [.. snapshot.Snapshot.Chat];
                }

                break;
            case PeopleChangedUpdate changed:
                People = SeatChange.Apply(People, changed.Changes);
                break;
            case InfoUpdate info:
                Info = info.Info;
                break;
            case EventsUpdate events:
                foreach (var boardEvent in events.Events)
                {
                    if (elements)
                    {
                        Mirror.Show(boardEvent.Change);
                    }

                    if (boardEvent.Change is ChatPosted posted)
                    {
                        lock (chatGate)
                        {
                            chat = chat.Add(posted.Message);
                        }
                    }
                }

                if (events.Events is [.., var latest])
                {
                    Volatile.Write(ref sequence, latest.Sequence);
                }

                break;
        }
    }

    /// <summary>Off the board: no access, nobody, no seat, no operation shown (the elements and chat stay until the next snapshot replaces them).</summary>
    public void Leave()
    {
        Volatile.Write(ref sequence, 0);
        Info = null;
        People = [];
        Seat = 0;
    }
}
