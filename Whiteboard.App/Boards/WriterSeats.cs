using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;

namespace Whiteboard.App.Boards;

/// <summary>
/// Who is on one board, on every instance, as its writer sees them: each seat with the relay it came through, the key
/// it came in by, its pointer, and what changed about whom in the writer's current turn. Used by the writer's turn only.
/// </summary>
internal sealed class WriterSeats(DateTimeOffset activated)
{
    /// <summary>Seats a writer gives in one second of its start, at most, before a writer started a second later would reuse them.</summary>
    private const int SeatsPerSecond = 10_000;

    private readonly SortedDictionary<int, WriterSeat> seats = [];

    // The seats touched this turn, each as everyone was last told it (null: joined this turn), and whether it left.
    private readonly Dictionary<WriterSeat, (Seat? Told, bool Left)> touched = [];
    // Numbered from when the writer started: a writer that takes over from one that died never gives a newcomer the seat
    // of someone not yet seated again (numbers come round every 2.5 days, long after the last writer's seats have gone).
    private int lastSeat = (int)(activated.ToUnixTimeSeconds() % (int.MaxValue / SeatsPerSecond - 1)) * SeatsPerSecond;
    private long pointerVersion;

    public IEnumerable<WriterSeat> All => seats.Values;

    public long PointerVersion => pointerVersion;

    public WriterSeat? Find(int number) => seats.GetValueOrDefault(number);

    /// <summary>Whether the participant is here, in any of their pages, on any instance.</summary>
    public bool Contains(ParticipantId participant) => seats.Values.Any(seat => seat.Participant == participant);

    /// <summary>
    /// Seats a newcomer: the seat it asks to keep when that one is free (its writer restarted), otherwise the next number,
    /// and the first color nobody here has.
    /// </summary>
    public WriterSeat Add(string relay, ParticipantId participant, BoardKey key, string name, bool connected, int previous)
    {
        var number = previous > 0 && !seats.ContainsKey(previous) ? previous : lastSeat + 1;
        lastSeat = Math.Max(lastSeat, number);
        var seat = new WriterSeat(relay, participant, key)
        {
            Seat = new Seat(number, name, SeatColors.Pick(seats.Values.Select(other => other.Seat.Color)), IsDrawing: false, connected),
        };
        seats.Add(number, seat);
        touched[seat] = (null, false);
        return seat;
    }

    public void Remove(WriterSeat seat)
    {
        Touch(seat);
        touched[seat] = touched[seat] with { Left = true };
        seats.Remove(seat.Seat.Number);
    }

    public void Change(WriterSeat seat, Seat changed)
    {
        if (seat.Seat != changed)
        {
            Touch(seat);
            seat.Seat = changed;
        }
    }

    public void MovePointer(WriterSeat seat, Pointer pointer)
    {
        seat.Pointer = pointer;
        seat.PointerVersion = ++pointerVersion;
    }

    /// <summary>
    /// A page drawing does not send its pointer: it is where the ink it draws has got to (the view it looks at
    /// unchanged), so the others see the cursor move in the same update as the ink. Ink is no laser: a laser the
    /// page sent last does not trail after the pen.
    /// </summary>
    public void MoveWithInk(WriterSeat seat, IReadOnlyList<BoardOperation> operations)
    {
        BoardPoint? inkAt = operations.LastOrDefault(operation => operation is BeginStroke or ExtendStroke or DrawShape) switch
        {
            BeginStroke { Points: [.., var last] } => new BoardPoint(last.X, last.Y),
            ExtendStroke { Points: [.., var last] } => new BoardPoint(last.X, last.Y),
            DrawShape shape => shape.To,
            _ => null,
        };
        if (inkAt is { } point && seat.Pointer is { } pointer)
        {
            MovePointer(seat, pointer with { X = point.X, Y = point.Y, OnBoard = true, Laser = false });
        }
    }

    public List<Seat> People() => [.. seats.Values.Select(seat => seat.Seat)];

    /// <summary>The pointers moved after <paramref name="version"/>.</summary>
    public List<SeatPointer> PointersAfter(long version) =>
        [.. seats.Values.Where(seat => seat.Pointer is not null && seat.PointerVersion > version).Select(seat => new SeatPointer(seat.Seat.Number, seat.Pointer!))];

    /// <summary>
    /// What changed about whom this turn, one change per seat (a person who came and went within the turn, or whose
    /// changes undid each other, is no change at all).
    /// </summary>
    public List<SeatChange> TakeChanges()
    {
        List<SeatChange> changes = [];
        foreach (var (seat, (told, left)) in touched)
        {
            var now = left ? null : seat.Seat;
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
        return changes;
    }

    /// <summary>Notes the seat as everyone knows it, before its first change this turn.</summary>
    private void Touch(WriterSeat seat) => touched.TryAdd(seat, (seat.Seat, false));
}

/// <summary>One seat as the writer keeps it: who, through which relay, by which key, and where their pointer is.</summary>
internal sealed class WriterSeat(string relay, ParticipantId participant, BoardKey key)
{
    public string Relay { get; } = relay;

    public ParticipantId Participant { get; } = participant;

    /// <summary>The key of the link this participant came in by (or the new edit key they made).</summary>
    public BoardKey Key { get; set; } = key;

    public required Seat Seat { get; set; }

    public Pointer? Pointer { get; set; }

    public long PointerVersion { get; set; }
}
