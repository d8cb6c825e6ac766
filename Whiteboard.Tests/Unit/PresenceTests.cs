using System.Collections.Immutable;
using System.Threading.Channels;
using Whiteboard.App.Boards;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.Validation;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Unit;

/// <summary>Who is on a board, under what name and color, who is drawing, and where their pointers are.</summary>
public sealed class PresenceTests() : SessionsOnOneBoard(new BoardRoomOptions())
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private async Task<Person> JoinAsync(string? name)
    {
        var person = new Person();
        person.Session = await JoinSessionAsync(name, person.ShowAsync);
        await person.NextAsync<SnapshotUpdate>();
        return person;
    }

    [Fact]
    public async Task Everyone_sees_who_is_here_by_name_and_color_and_who_is_drawing()
    {
        var ada = await JoinAsync("  Ada  ");
        var unnamed = await JoinAsync(null);
        var flooded = await JoinAsync(new string('x', 10_000));

        var seen = await ada.PeopleAsync(people => people.Count == 3);
        Assert.Equal(["Ada", unnamed.Session.Name, flooded.Session.Name], seen.Select(seat => seat.Name));
        Assert.Matches("^[A-Z][a-z]+ [A-Z][a-z]+$", unnamed.Session.Name);
        Assert.True(flooded.Session.Name.Length <= BoardLimits.MaxDisplayNameLength);
        Assert.Equal(3, seen.Select(seat => seat.Color).Distinct().Count());
        Assert.Equal([ada.Session.Seat, unnamed.Session.Seat, flooded.Session.Seat], seen.Select(seat => seat.Number));

        Assert.True((await ada.Session.SubmitAsync([Message("begin", "s", 0, 0, 0.5)])).IsAccepted);
        await unnamed.PeopleAsync(people => people.Single(seat => seat.Name == "Ada").IsDrawing);
        Assert.True((await ada.Session.SubmitAsync([new BoardMessage("end", "s")])).IsAccepted);
        await unnamed.PeopleAsync(people => !people.Single(seat => seat.Name == "Ada").IsDrawing);

        await flooded.Session.LeaveAsync();
        await ada.PeopleAsync(people => people.Count == 2 && people.All(seat => seat.Number != flooded.Session.Seat));
    }

    [Fact]
    public async Task A_name_is_trimmed_text_and_a_bad_one_is_refused_changing_nothing()
    {
        var ada = await JoinAsync("Ada");
        var bob = await JoinAsync("Bob");

        var html = await bob.Session.RenameSelfAsync("  <img src=x onerror=alert(1)>  ");
        Assert.Equal("<img src=x onerror=alert(1)>", html.Value);
        await ada.PeopleAsync(people => people.Any(seat => seat.Name == "<img src=x onerror=alert(1)>"));

        Assert.Contains("at most 40 characters", (await bob.Session.RenameSelfAsync(new string('b', 10_000))).Error, StringComparison.Ordinal);
        Assert.Contains("must not be empty", (await bob.Session.RenameSelfAsync("   ")).Error, StringComparison.Ordinal);
        Assert.Contains("one line", (await bob.Session.RenameSelfAsync("Bob\nthe builder")).Error, StringComparison.Ordinal);
        Assert.Equal("<img src=x onerror=alert(1)>", bob.Session.Name);

        // Nothing was published for the refused names: the next presence Ada sees is the next real change.
        Assert.True((await bob.Session.RenameSelfAsync("Bob")).IsValid);
        var next = await ada.PeopleAsync(_ => true);
        Assert.Equal(["Ada", "Bob"], next.Select(seat => seat.Name));
    }

    [Fact]
    public async Task Pointers_reach_the_others_by_the_movers_seat_and_a_flood_is_cut_to_the_burst()
    {
        var ada = await JoinAsync("Ada");
        var bob = await JoinAsync("Bob");

        // Ten thousand moves in no time at all: the first burst gets through, the rest are dropped.
        for (var i = 0; i < 10_000; i++)
        {
            await bob.Session.MovePointerAsync(i, 0, onBoard: true, 0, 0, 1);
        }

        var last = BoardLimits.PointerMoveBurst - 1;
        var seen = await ada.NextPointerAsync(p => p.Pointer.X == last);
        Assert.Equal(bob.Session.Seat, seen.Seat);
        Assert.True(ada.PointersSeen.All(p => p.Seat == bob.Session.Seat && p.Pointer.X <= last));

        // Numbers no browser sends are dropped; the next good move is the next one seen.
        Clock.Advance(TimeSpan.FromSeconds(1));
        await bob.Session.MovePointerAsync(double.NaN, 0, onBoard: true, 0, 0, 1);
        await bob.Session.MovePointerAsync(1, 1, onBoard: true, 0, 0, 1000);
        await bob.Session.MovePointerAsync(1e12, 1, onBoard: true, 0, 0, 1);
        await bob.Session.MovePointerAsync(7, 8, onBoard: false, 100, 50, 2);
        var hidden = await ada.NextPointerAsync(p => p.Pointer.X != last);
        Assert.Equal(new Pointer(7, 8, false, 100, 50, 2), hidden.Pointer);
    }

    [Fact]
    public async Task A_drawers_cursor_moves_with_their_ink_keeping_their_view_without_moves_of_its_own()
    {
        var ada = await JoinAsync("Ada");
        var bob = await JoinAsync("Bob");
        await ada.Session.MovePointerAsync(1, 2, onBoard: true, 100, 50, 2);
        await bob.NextPointerAsync(p => p.Pointer.X == 1);

        Assert.True((await ada.Session.SubmitAsync([Message("begin", "s", 10, 20, 0.5, 30, 40, 0.5)])).IsAccepted);
        Assert.Equal(new Pointer(30, 40, true, 100, 50, 2), (await bob.NextPointerAsync(p => p.Pointer.X != 1)).Pointer);
        Assert.True((await ada.Session.SubmitAsync([new BoardMessage("extend", "s", From: 2, Points: [50, 60, 0.5])])).IsAccepted);
        Assert.Equal(new Pointer(50, 60, true, 100, 50, 2), (await bob.NextPointerAsync(p => p.Pointer.X != 30)).Pointer);
        Assert.True((await ada.Session.SubmitAsync([new BoardMessage("shape", "r", Points: [0, 0, 70, 80], Color: "#000000", Width: 4, Shape: "rect")])).IsAccepted);
        Assert.Equal(new Pointer(70, 80, true, 100, 50, 2), (await bob.NextPointerAsync(p => p.Pointer.X != 50)).Pointer);

        // Ink refused moves nothing: the next pointer Bob sees is Ada's next move.
        Assert.False((await ada.Session.SubmitAsync([new BoardMessage("extend", "s", From: 99, Points: [900, 900, 0.5])])).IsAccepted);
        await ada.Session.MovePointerAsync(5, 6, onBoard: true, 100, 50, 2);
        Assert.Equal(5, (await bob.NextPointerAsync(p => p.Pointer.X != 70)).Pointer.X);
    }

    [Fact]
    public async Task A_laser_rides_the_pointer_to_the_others_within_its_rate_and_ink_turns_it_off()
    {
        var ada = await JoinAsync("Ada");
        var bob = await JoinAsync("Bob");

        await ada.Session.MovePointerAsync(1, 2, onBoard: true, 100, 50, 2, laser: true);
        Assert.Equal(new Pointer(1, 2, true, 100, 50, 2, Laser: true), (await bob.NextPointerAsync(p => p.Pointer.X == 1)).Pointer);
        await ada.Session.MovePointerAsync(3, 4, onBoard: true, 100, 50, 2);
        Assert.False((await bob.NextPointerAsync(p => p.Pointer.X == 3)).Pointer.Laser);

        // The laser again, then the pen: the cursor that moves with the ink is no laser.
        await ada.Session.MovePointerAsync(5, 6, onBoard: true, 100, 50, 2, laser: true);
        Assert.True((await bob.NextPointerAsync(p => p.Pointer.X == 5)).Pointer.Laser);
        Assert.True((await ada.Session.SubmitAsync([Message("begin", "s", 10, 20, 0.5)])).IsAccepted);
        Assert.Equal(new Pointer(10, 20, true, 100, 50, 2), (await bob.NextPointerAsync(p => p.Pointer.X == 10)).Pointer);

        // A flood of laser moves costs what a flood of pointer moves does: the burst gets through, the rest are dropped.
        Clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 10_000; i++)
        {
            await ada.Session.MovePointerAsync(1000 + i, 0, onBoard: true, 0, 0, 1, laser: true);
        }

        var last = 1000 + BoardLimits.PointerMoveBurst - 1;
        Assert.True((await bob.NextPointerAsync(p => p.Pointer.X == last)).Pointer.Laser);
        Assert.True(bob.PointersSeen.All(p => p.Pointer.X <= last));
    }

    [Fact]
    public void A_laser_off_the_board_is_not_made_as_no_browser_sends_one()
    {
        Assert.Null(Pointer.TryCreate(1, 2, onBoard: false, 0, 0, 1, laser: true));
        Assert.Equal(new Pointer(1, 2, false, 0, 0, 1), Pointer.TryCreate(1, 2, onBoard: false, 0, 0, 1));
        Assert.Equal(new Pointer(1, 2, true, 0, 0, 1, Laser: true), Pointer.TryCreate(1, 2, onBoard: true, 0, 0, 1, laser: true));
    }

    [Theory]
    [InlineData(double.NaN, 0, 1)]
    [InlineData(0, double.PositiveInfinity, 1)]
    [InlineData(3e6, 0, 1)]
    [InlineData(0, 0, 0)]
    [InlineData(0, 0, 9)]
    public void A_pointer_with_numbers_no_browser_sends_is_not_made(double x, double y, double scale) =>
        Assert.Null(Pointer.TryCreate(x, y, onBoard: true, 0, 0, scale));

    private static BoardMessage Message(string kind, string id, params double?[] points) =>
        new(kind, id, Points: points, Color: "#000000", Width: 4);

    /// <summary>One person's session, and what it was shown.</summary>
    private sealed class Person
    {
        private readonly Channel<RoomUpdate> shown = Channel.CreateUnbounded<RoomUpdate>();

        public BoardSession Session { get; set; } = null!;

        public List<SeatPointer> PointersSeen { get; } = [];

        /// <summary>Who is on the board, kept as a page keeps it: whole from the snapshot, then by its changes.</summary>
        public ImmutableList<Seat> People { get; private set; } = [];

        public Task ShowAsync(IReadOnlyList<RoomUpdate> updates)
        {
            foreach (var update in updates)
            {
                shown.Writer.TryWrite(update);
            }

            return Task.CompletedTask;
        }

        public async Task<T> NextAsync<T>(Func<T, bool>? matching = null)
            where T : RoomUpdate
        {
            while (true)
            {
                var update = await shown.Reader.ReadAsync().AsTask().WaitAsync(Patience);
                switch (update)
                {
                    case PointersUpdate moved:
                        PointersSeen.AddRange(moved.Pointers);
                        break;
                    case SnapshotUpdate snapshot:
                        People = [.. snapshot.People.OrderBy(seat => seat.Number)];
                        break;
                    case PeopleChangedUpdate changed:
                        People = SeatChange.Apply(People, changed.Changes);
                        break;
                }

                if (update is T wanted && (matching is null || matching(wanted)))
                {
                    return wanted;
                }
            }
        }

        /// <summary>Everyone on the board after the next presence change that leaves them <paramref name="matching"/>.</summary>
        public async Task<ImmutableList<Seat>> PeopleAsync(Func<ImmutableList<Seat>, bool> matching)
        {
            await NextAsync<PeopleChangedUpdate>(_ => matching(People));
            return People;
        }

        public async Task<SeatPointer> NextPointerAsync(Func<SeatPointer, bool> matching)
        {
            while (true)
            {
                var moved = await NextAsync<PointersUpdate>();
                if (moved.Pointers.FirstOrDefault(matching) is { } found)
                {
                    return found;
                }
            }
        }
    }
}
