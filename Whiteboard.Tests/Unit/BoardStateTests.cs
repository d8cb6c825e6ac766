using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

public sealed class BoardStateTests
{
    private readonly BoardState board = new();
    private readonly ParticipantId alice = ParticipantId.New();
    private readonly ParticipantId bob = ParticipantId.New();

    private Stroke Only() => Assert.IsType<Stroke>(Assert.Single(board.Elements()));

    [Fact]
    public void A_stroke_grows_and_finishes()
    {
        Assert.IsType<StrokeStarted>(board.Apply(alice, Begin("s", 0, 0)).Change);
        var extended = Assert.IsType<StrokeExtended>(board.Apply(alice, Extend("s", 1, 1, 1, 2, 2)).Change);
        Assert.Equal(1, extended.From);
        Assert.IsType<ElementFinished>(board.Apply(alice, End("s")).Change);

        var stroke = Only();
        Assert.Equal(3, stroke.Points.Length);
        Assert.True(stroke.IsFinished);
        Assert.Equal(alice, stroke.Author);
    }

    [Fact]
    public void Retried_messages_change_nothing()
    {
        board.Apply(alice, Begin("s", 0, 0));
        board.Apply(alice, Extend("s", 1, 1, 1));

        Assert.Null(board.Apply(alice, Begin("s", 0, 0)).Change);
        Assert.Null(board.Apply(alice, Extend("s", 1, 1, 1)).Change);
        var overlap = board.Apply(alice, Extend("s", 1, 1, 1, 2, 2));
        Assert.Equal(2, Assert.IsType<StrokeExtended>(overlap.Change).From);
        board.Apply(alice, End("s"));
        Assert.False(board.Apply(alice, End("s")).IsRejected);

        // The whole batch again, after its reply was lost: the stroke is finished, and nothing changes.
        var again = board.Apply(alice, Extend("s", 1, 1, 1, 2, 2));
        Assert.False(again.IsRejected);
        Assert.Null(again.Change);
        Assert.Equal(3, Only().Points.Length);
    }

    [Fact]
    public void Nobody_continues_someone_elses_stroke()
    {
        board.Apply(alice, Begin("s", 0, 0));
        Assert.True(board.Apply(bob, Extend("s", 1, 5, 5)).IsRejected);
        Assert.True(board.Apply(bob, End("s")).IsRejected);
        Assert.True(board.Apply(bob, Begin("s", 9, 9)).IsRejected);
        Assert.Single(Only().Points.ToArray());
        Assert.False(Only().IsFinished);
    }

    [Fact]
    public void Gaps_unknown_and_finished_strokes_are_refused()
    {
        Assert.True(board.Apply(alice, Extend("nope", 1, 1, 1)).IsRejected);
        board.Apply(alice, Begin("s", 0, 0));
        Assert.Contains("never arrived", board.Apply(alice, Extend("s", 5, 1, 1)).Rejection, StringComparison.Ordinal);
        board.Apply(alice, End("s"));
        Assert.True(board.Apply(alice, Extend("s", 1, 1, 1)).IsRejected);
        Assert.Single(Only().Points.ToArray());
    }

    [Fact]
    public void A_snapshot_does_not_change_when_the_stroke_grows()
    {
        board.Apply(alice, Begin("s", 0, 0));
        var before = Only();
        for (var i = 1; i < 100; i++)
        {
            board.Apply(alice, Extend("s", i, i, i));
        }

        Assert.Single(before.Points.ToArray());
        Assert.Equal(100, Only().Points.Length);
        Assert.Equal(new StrokePoint(99, 99, 0.5f), Only().Points.Span[99]);
    }

    [Fact]
    public void Unfinished_elements_are_listed_in_drawing_order_with_their_authors()
    {
        board.Apply(alice, Begin("a1", 0, 0));
        board.Apply(bob, Begin("b1", 0, 0));
        board.Apply(alice, Begin("a2", 0, 0));
        board.Apply(alice, End("a1"));

        Assert.Equal([(Id("b1"), bob), (Id("a2"), alice)], board.OpenElements().Select(e => (e.Id, e.Author)));
    }

    [Fact]
    public void The_same_operations_give_the_same_board()
    {
        var other = new BoardState();
        foreach (var state in new[] { board, other })
        {
            state.Apply(alice, Begin("s", 0, 0, 1, 1));
            state.Apply(bob, Begin("t", 5, 5));
            state.Apply(alice, Extend("s", 2, 2, 2));
        }

        Assert.Equal(
            board.Elements().Select(e => (e.Id, ((Stroke)e).Points.ToArray().Length)),
            other.Elements().Select(e => (e.Id, ((Stroke)e).Points.ToArray().Length)));
    }
}
