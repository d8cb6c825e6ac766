using System.Runtime.InteropServices;
using Whiteboard.App.Boards;
using Whiteboard.App.Canvas;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Unit;

public sealed class CanvasBatchTests
{
    private static Pointer Pointer(float x) => new(x, 0, true, 0, 0, 1);

    private static Stroke StrokeOf(int points, bool finished = false) =>
        new(Ink.Id("s"), ParticipantId.New(), Ink.Black, Ink.Points([.. Enumerable.Range(0, points * 2).Select(i => (float)i)]), finished);

    [Fact]
    public void A_snapshot_resets_the_display_list_and_adds_every_element()
    {
        Seat[] people = [new(1, "Ada", "#e03131", false, true), new(2, "Bo", "#1971c2", true, true)];
        var batch = CanvasBatch.From([new SnapshotUpdate(new BoardSnapshot(7, [StrokeOf(3, finished: true)], []), people,
            [new SeatPointer(1, Pointer(5))], YourSeat: 2, new BoardInfo("Board", BoardAccess.View, null, BoardKey.New(), DateTimeOffset.UnixEpoch))]);

        Assert.Equal(["reset", "finished"], batch.Entries.Select(e => e.Op));
        Assert.Equal(["#000000"], batch.Strings);
        Assert.Equal(("rf", " s"), (batch.Layout().Ops, batch.Layout().Ids));
        Assert.Equal(people, batch.People!.Everyone);
        Assert.Empty(batch.People.Changes);
        Assert.Equal(5, Assert.Single(batch.Pointers).Pointer.X);
    }

    [Fact]
    public void A_snapshot_drawn_for_one_person_is_drawn_the_same_for_the_next_whatever_came_after_it_for_the_first()
    {
        var info = new BoardInfo("Board", BoardAccess.Edit, null, BoardKey.New(), DateTimeOffset.UnixEpoch);
        var snapshot = new BoardSnapshot(7, [StrokeOf(3, finished: true)], []);
        var circle = new Shape(Ink.Id("c"), ParticipantId.New(), ShapeKind.Ellipse, new StrokeStyle("#e03131", 3),
            new BoardPoint(0, 0), new BoardPoint(20, 10), true);

        var first = CanvasBatch.From([new SnapshotUpdate(snapshot, [], [], 1, info), new EventsUpdate([new BoardEvent(8, new ElementsDrawn([circle]))])]);
        var next = CanvasBatch.From([new SnapshotUpdate(snapshot, [], [], 2, info)]);

        Assert.Equal(["reset", "finished", "finished"], first.Entries.Select(e => e.Op));
        Assert.Equal(["#000000", "#e03131"], first.Strings);
        Assert.Equal(["reset", "finished"], next.Entries.Select(e => e.Op));
        Assert.Equal(["#000000"], next.Strings);
        Assert.Equal(first.CommandsOf(first.Entries[1]).ToArray(), next.CommandsOf(next.Entries[1]).ToArray());
        Assert.Equal(next.Entries[1].Start + next.Entries[1].Count, next.Bytes().Length / sizeof(float) - next.Entries.Count);
    }

    [Fact]
    public void Pointers_keep_only_the_latest_position_of_each_seat_and_presence_its_changes_in_order_without_the_list()
    {
        Seat ada = new(1, "Ada", "#e03131", false, true);
        var batch = CanvasBatch.From([
            new PointersUpdate([new SeatPointer(1, Pointer(1)), new SeatPointer(2, Pointer(2))]),
            new PeopleChangedUpdate([SeatChange.Joined(ada), SeatChange.Left(2)]),
            new PointersUpdate([new SeatPointer(1, Pointer(3))]),
            new PeopleChangedUpdate([SeatChange.Changed(ada with { Name = "Ada L.", IsDrawing = true })]),
        ]);

        Assert.Equal([(1, 3f), (2, 2f)], batch.Pointers.Select(p => (p.Seat, p.Pointer.X)).Order());
        Assert.Null(batch.People!.Everyone);
        Assert.Equal([("joined", 1, "Ada"), ("left", 2, null), ("changed", 1, "Ada L.")],
            batch.People.Changes.Select(change => (change.Change, change.Number, change.Person?.Name)));
        Assert.Empty(batch.Entries);
    }

    [Fact]
    public void Presence_changes_after_a_snapshot_come_after_its_list()
    {
        Seat ada = new(1, "Ada", "#e03131", false, true);
        var info = new BoardInfo("Board", BoardAccess.Edit, null, BoardKey.New(), DateTimeOffset.UnixEpoch);
        var batch = CanvasBatch.From([
            new PeopleChangedUpdate([SeatChange.Left(3)]),
            new SnapshotUpdate(new BoardSnapshot(7, [], []), [ada], [], YourSeat: 1, info),
            new PeopleChangedUpdate([SeatChange.Joined(ada with { Number = 2, Name = "Bo" })]),
        ]);

        Assert.Equal([ada], batch.People!.Everyone);
        Assert.Equal("Bo", Assert.Single(batch.People.Changes).Person!.Name);
    }

    [Fact]
    public void A_growing_stroke_sends_only_its_new_part()
    {
        var batch = CanvasBatch.From([new EventsUpdate([new BoardEvent(1, new StrokeExtended(StrokeOf(5), From: 4))])]);

        var entry = Assert.Single(batch.Entries);
        Assert.Equal("append", entry.Op);
        Assert.Equal("s", entry.Id);
        // set-stroke(color 0, width 4), begin-path, move-to the previous point, line-to (one point) the new one, stroke
        Assert.Equal([1, 0, 4, 2, 3, 6, 7, 4, 1, 8, 9, 5], batch.CommandsOf(entry).ToArray());
        Assert.Null(batch.People);
        Assert.Empty(batch.Pointers);
    }

    [Fact]
    public void Edits_redraw_the_elements_they_touch_and_remove_the_erased()
    {
        var moved = new Shape(Ink.Id("r"), ParticipantId.New(), ShapeKind.Ellipse, Ink.Black, new BoardPoint(0, 0), new BoardPoint(20, 10), true);
        var batch = CanvasBatch.From([new EventsUpdate([
            new BoardEvent(1, new ElementsDrawn([moved])),
            new BoardEvent(2, new ElementsErased([Ink.Id("gone")])),
        ])]);

        Assert.Equal([("finished", "r"), ("remove", "gone")], batch.Entries.Select(e => (e.Op, e.Id)));
        // set-stroke, begin-path, ellipse(centre 10,5; radii 10,5), stroke
        Assert.Equal([1, 0, 4, 2, 7, 10, 5, 10, 5, 5], batch.CommandsOf(batch.Entries[0]).ToArray());
    }

    [Fact]
    public void The_browser_reads_each_entry_as_a_letter_an_id_and_a_count_before_all_the_commands()
    {
        var blue = Ink.Black with { Color = "#1971c2" };
        var batch = CanvasBatch.From([new EventsUpdate([
            new BoardEvent(1, new ElementsDrawn([
                new Shape(Ink.Id("a"), ParticipantId.New(), ShapeKind.Line, Ink.Black, new BoardPoint(0, 0), new BoardPoint(1, 1), true),
                new Shape(Ink.Id("b"), ParticipantId.New(), ShapeKind.Line, blue, new BoardPoint(0, 0), new BoardPoint(1, 1), true),
                new Shape(Ink.Id("c"), ParticipantId.New(), ShapeKind.Line, Ink.Black, new BoardPoint(0, 0), new BoardPoint(1, 1), true),
            ])),
            new BoardEvent(2, new ElementsErased([Ink.Id("a")])),
        ])]);

        var layout = batch.Layout();
        var bytes = batch.Bytes();
        var counts = MemoryMarshal.Cast<byte, int>(bytes.AsSpan(0, 4 * 4)).ToArray();
        var commands = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(4 * 4)).ToArray();

        Assert.Equal("fffx", layout.Ops);
        Assert.Equal("a b c a", layout.Ids);
        Assert.Equal(batch.Entries.Select(entry => entry.Count), counts);
        Assert.Equal(batch.Entries.SelectMany(entry => batch.CommandsOf(entry).ToArray()), commands);
        Assert.Equal(["#000000", "#1971c2"], layout.Strings);
        // The third line refers to the first color, the one the first line brought.
        Assert.Equal(0, batch.CommandsOf(batch.Entries[2])[1]);
    }

    [Fact]
    public void Lines_in_a_row_go_as_one_run_of_points()
    {
        var box = new Shape(Ink.Id("r"), ParticipantId.New(), ShapeKind.Rectangle, Ink.Black, new BoardPoint(0, 0), new BoardPoint(20, 10), true);
        var batch = CanvasBatch.From([new EventsUpdate([new BoardEvent(1, new ElementsDrawn([box]))])]);

        // set-stroke, begin-path, move-to 0,0, line-to three points, close-path, stroke
        Assert.Equal([1, 0, 4, 2, 3, 0, 0, 4, 3, 20, 0, 20, 10, 0, 10, 6, 5], batch.CommandsOf(batch.Entries[0]).ToArray());
    }
}
