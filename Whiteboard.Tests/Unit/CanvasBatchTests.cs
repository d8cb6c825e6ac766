using Whiteboard.App.Boards;
using Whiteboard.App.Canvas;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Unit;

public sealed class CanvasBatchTests
{
    private static Stroke StrokeOf(int points, bool finished = false) =>
        new(Ink.Id("s"), ParticipantId.New(), Ink.Black, Ink.Points([.. Enumerable.Range(0, points * 2).Select(i => (float)i)]), finished);

    [Fact]
    public void A_snapshot_resets_the_display_list_and_adds_every_element()
    {
        var batch = CanvasBatch.From([new SnapshotUpdate(new BoardSnapshot(7, [StrokeOf(3, finished: true)]), ParticipantCount: 2,
            new BoardInfo("Board", BoardAccess.View, null, BoardKey.New(), DateTimeOffset.UnixEpoch))]);

        Assert.Equal(["reset", "put", "done"], batch.Entries.Select(e => e.Op));
        Assert.Equal(["#000000"], batch.Entries[1].Strings);
        Assert.Equal(2, batch.ParticipantCount);
        Assert.True(batch.HasSnapshot);
    }

    [Fact]
    public void A_growing_stroke_sends_only_its_new_part()
    {
        var batch = CanvasBatch.From([new EventsUpdate([new BoardEvent(1, new StrokeExtended(StrokeOf(5), From: 4))])]);

        var entry = Assert.Single(batch.Entries);
        Assert.Equal("append", entry.Op);
        Assert.Equal("s", entry.Id);
        // set-stroke(color 0, width 4), begin-path, move-to the previous point, line-to the new one, stroke
        Assert.Equal([1, 0, 4, 2, 3, 6, 7, 4, 8, 9, 5], entry.Commands);
        Assert.Null(batch.ParticipantCount);
    }

    [Fact]
    public void Edits_redraw_the_elements_they_touch_and_remove_the_erased()
    {
        var moved = new Shape(Ink.Id("r"), ParticipantId.New(), ShapeKind.Ellipse, Ink.Black, new BoardPoint(0, 0), new BoardPoint(20, 10), true);
        var batch = CanvasBatch.From([new EventsUpdate([
            new BoardEvent(1, new ElementsDrawn([moved])),
            new BoardEvent(2, new ElementsErased([Ink.Id("gone")])),
        ])]);

        Assert.Equal([("put", "r"), ("done", "r"), ("remove", "gone")], batch.Entries.Select(e => (e.Op, e.Id)));
        // set-stroke, begin-path, ellipse(centre 10,5; radii 10,5), stroke
        Assert.Equal([1, 0, 4, 2, 7, 10, 5, 10, 5, 5], batch.Entries[0].Commands);
    }
}
