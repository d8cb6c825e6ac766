using System.Text.Json;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

/// <summary>Shapes, text, moving, erasing, clearing, and each person's own undo and redo.</summary>
public sealed class BoardEditingTests
{
    private readonly BoardState board = new();
    private readonly ParticipantId alice = ParticipantId.New();
    private readonly ParticipantId bob = ParticipantId.New();

    private IEnumerable<string> Ids() => board.Elements().Select(e => e.Id.Value);

    private T Element<T>(string id) where T : BoardElement => Assert.IsType<T>(board.Elements().Single(e => e.Id.Value == id));

    private void Accept(ParticipantId who, BoardOperation operation)
    {
        var outcome = board.Apply(who, operation);
        Assert.False(outcome.IsRejected, outcome.Rejection);
    }

    private string Refuse(ParticipantId who, BoardOperation operation)
    {
        var outcome = board.Apply(who, operation);
        Assert.True(outcome.IsRejected);
        return outcome.Rejection!;
    }

    private void DrawStroke(ParticipantId who, string id)
    {
        Accept(who, Begin(id, 0, 0, 10, 10));
        Accept(who, End(id));
    }

    [Fact]
    public void A_shape_being_dragged_out_changes_shape_until_it_is_let_go()
    {
        Accept(alice, Rectangle("r", 0, 0, 10, 10, finished: false));
        Accept(alice, Rectangle("r", 0, 0, 50, 40, finished: false));
        Assert.False(Element<Shape>("r").IsFinished);
        Assert.Contains("None of these", Refuse(alice, Move("m0", 1, 1, "r")), StringComparison.Ordinal);

        Accept(alice, Rectangle("r", 0, 0, 60, 30));
        Assert.Equal(new BoardPoint(60, 30), Element<Shape>("r").To);
        Assert.True(Element<Shape>("r").IsFinished);
        Assert.Contains("Only the person drawing", Refuse(bob, Rectangle("r", 1, 1, 2, 2)), StringComparison.Ordinal);
    }

    [Fact]
    public void Undo_takes_back_only_the_persons_own_work_and_redo_returns_it()
    {
        Accept(alice, Rectangle("rect", 0, 0, 100, 100));
        DrawStroke(bob, "bobs");

        var undone = Assert.IsType<ElementsErased>(board.Apply(alice, new Undo(Op("u1"))).Change);
        Assert.Equal([Id("rect")], undone.Elements);
        Assert.Equal(["bobs"], Ids());

        var redone = Assert.IsType<ElementsDrawn>(board.Apply(alice, new Redo(Op("r1"))).Change);
        Assert.Equal("rect", Assert.Single(redone.Elements).Id.Value);
        Assert.Equal(["bobs", "rect"], Ids());

        // Bob's undo takes back Bob's stroke, never Alice's rectangle.
        Accept(bob, new Undo(Op("u2")));
        Assert.Equal(["rect"], Ids());
    }

    [Fact]
    public void Undo_with_no_history_is_refused_and_changes_nothing()
    {
        DrawStroke(alice, "a");

        Assert.Equal("Nothing to undo.", Refuse(bob, new Undo(Op("u"))));
        Assert.Equal("Nothing to redo.", Refuse(alice, new Redo(Op("r"))));
        Assert.Equal(["a"], Ids());
    }

    [Fact]
    public void Undoing_a_move_puts_it_back_even_after_others_drew()
    {
        Accept(alice, Rectangle("rect", 0, 0, 10, 10));
        Accept(alice, Move("m1", 100, 50, "rect"));
        Assert.Equal(new BoardPoint(100, 50), Element<Shape>("rect").From);
        DrawStroke(bob, "meanwhile");
        Accept(bob, Move("m2", 0, 5, "meanwhile"));

        Accept(alice, new Undo(Op("u1")));

        Assert.Equal(new BoardPoint(0, 0), Element<Shape>("rect").From);
        Assert.Equal(5, Element<Stroke>("meanwhile").Points.Span[0].Y);
        Accept(alice, new Redo(Op("r1")));
        Assert.Equal(new BoardPoint(100, 50), Element<Shape>("rect").From);
    }

    [Fact]
    public void A_new_operation_clears_that_persons_redo_but_not_anyone_elses()
    {
        DrawStroke(alice, "a1");
        DrawStroke(bob, "b1");
        Accept(alice, new Undo(Op("ua")));
        Accept(bob, new Undo(Op("ub")));

        DrawStroke(alice, "a2");

        Assert.Equal("Nothing to redo.", Refuse(alice, new Redo(Op("ra"))));
        Accept(bob, new Redo(Op("rb")));
        Assert.Equal(["a2", "b1"], Ids());
    }

    [Fact]
    public void Clearing_erases_everything_finished_and_one_undo_brings_it_all_back_in_order()
    {
        DrawStroke(alice, "a");
        Accept(bob, Rectangle("b", 0, 0, 5, 5));
        Accept(bob, new PlaceText(Id("t"), Black, new BoardPoint(1, 1), "hello"));
        Accept(alice, Begin("open", 0, 0));

        var cleared = Assert.IsType<ElementsErased>(board.Apply(alice, new ClearBoard(Op("c"))).Change);
        Assert.Equal(3, cleared.Elements.Count);
        Assert.Equal(["open"], Ids());

        Accept(alice, new Undo(Op("u")));
        Assert.Equal(["open", "a", "b", "t"], Ids());
    }

    [Fact]
    public void Erasing_and_its_undo_and_a_second_undo_of_the_drawing()
    {
        DrawStroke(alice, "a");
        Accept(bob, Erase("e1", "a"));
        Assert.Empty(Ids());

        // Alice's undo of her drawing finds it already erased: nothing to take away, and it is used up.
        Assert.Empty(Assert.IsType<ElementsErased>(board.Apply(alice, new Undo(Op("u1"))).Change).Elements);
        Accept(bob, new Undo(Op("u2")));
        Assert.Equal(["a"], Ids());
    }

    [Fact]
    public void An_edit_sent_twice_is_applied_once()
    {
        Accept(alice, Rectangle("r", 0, 0, 10, 10));
        Accept(alice, Move("same", 10, 0, "r"));

        Assert.Null(board.Apply(alice, Move("same", 10, 0, "r")).Change);
        Assert.Equal(new BoardPoint(10, 0), Element<Shape>("r").From);
        Accept(alice, new Undo(Op("u")));
        Assert.Null(board.Apply(alice, new Undo(Op("u"))).Change);
        Assert.Equal(new BoardPoint(0, 0), Element<Shape>("r").From);
    }

    [Fact]
    public void Edits_of_elements_that_are_not_there_are_refused()
    {
        DrawStroke(alice, "a");
        Accept(bob, Begin("drawing", 0, 0));

        Assert.Contains("None of these", Refuse(alice, Move("m", 1, 1, "ghost")), StringComparison.Ordinal);
        Assert.Contains("None of these", Refuse(alice, Erase("e", "ghost", "drawing")), StringComparison.Ordinal);
        Assert.Contains("off the board", Refuse(alice, Move("far", 2_000_000, 0, "a")), StringComparison.Ordinal);
        Assert.Equal(0, Element<Stroke>("a").Points.Span[0].X);

        // A refused edit's id is not used up: the same edit can be sent again once it makes sense.
        Accept(alice, Move("m", 1, 1, "a"));
    }

    [Fact]
    public void Replaying_the_same_operations_gives_the_same_board_and_history()
    {
        List<(ParticipantId, BoardOperation)> log =
        [
            (alice, Rectangle("r", 0, 0, 10, 10)),
            (bob, Begin("s", 1, 1, 2, 2)),
            (bob, End("s")),
            (alice, Move("m", 5, 5, "r")),
            (bob, new ClearBoard(Op("c"))),
            (alice, new Undo(Op("u"))),
            (bob, new Undo(Op("v"))),
        ];
        foreach (var (who, operation) in log)
        {
            board.Apply(who, operation);
        }

        var again = new BoardState();
        foreach (var (who, operation) in log)
        {
            again.Apply(who, operation);
        }

        Assert.Equal(board.Elements(), again.Elements(), ElementComparer.Instance);
        Assert.Equal(board.Apply(alice, new Undo(Op("next"))), again.Apply(alice, new Undo(Op("next"))), OutcomeComparer.Instance);
    }

    [Fact]
    public void A_board_written_down_and_read_back_goes_on_exactly_as_the_original()
    {
        List<(ParticipantId, BoardOperation)> log =
        [
            (alice, Rectangle("r", 0, 0, 10, 10)),
            (bob, Begin("s", 1, 1, 2, 2)),
            (bob, End("s")),
            (alice, Move("m", 5, 5, "r")),
            (bob, new ClearBoard(Op("c"))),
            (bob, new Undo(Op("v"))),
            (alice, new Undo(Op("u"))),
            (alice, Begin("open", 3, 3)),
        ];
        foreach (var (who, operation) in log)
        {
            Accept(who, operation);
        }

        var json = JsonSerializer.Serialize(board.Capture(), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var restored = BoardState.Restore(JsonSerializer.Deserialize<BoardStateRecord>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        Assert.True(restored.IsValid, restored.Error);
        var again = restored.Value!;
        Assert.Equal(board.Elements(), again.Elements(), ElementComparer.Instance);

        List<(ParticipantId, BoardOperation)> next =
        [
            (alice, Extend("open", 1, 4, 4)),
            (alice, End("open")),
            (alice, new Undo(Op("u2"))),
            (alice, new Redo(Op("r2"))),
            (alice, new Redo(Op("r3"))),
            (bob, new Redo(Op("v2"))),
            (alice, Move("m", 5, 5, "r")),
            (bob, Begin("s", 9, 9)),
            (bob, new Undo(Op("v3"))),
        ];
        foreach (var (who, operation) in next)
        {
            Assert.Equal(board.Apply(who, operation), again.Apply(who, operation), OutcomeComparer.Instance);
        }

        Assert.Equal(board.Elements(), again.Elements(), ElementComparer.Instance);
    }

    [Fact]
    public void A_damaged_record_of_a_board_is_refused_with_a_reason()
    {
        Accept(alice, Rectangle("r", 0, 0, 10, 10));
        var record = board.Capture();

        Assert.False(BoardState.Restore(record with { Version = 2 }).IsValid);
        Assert.False(BoardState.Restore(record with { Elements = [record.Elements![0] with { Color = "url(javascript:1)" }] }).IsValid);
        Assert.False(BoardState.Restore(record with { Elements = [record.Elements![0], record.Elements[0]] }).IsValid);
        Assert.False(BoardState.Restore(record with { Elements = [record.Elements![0] with { Author = null }] }).IsValid);
        Assert.False(BoardState.Restore(record with { Histories = [record.Histories![0] with { Undo = [new StepRecord("teleported")] }] }).IsValid);
        Assert.True(BoardState.Restore(record).IsValid);
    }

    private sealed class ElementComparer : IEqualityComparer<BoardElement>
    {
        public static readonly ElementComparer Instance = new();

        public bool Equals(BoardElement? x, BoardElement? y) => x switch
        {
            Stroke a when y is Stroke b => a with { Points = default } == b with { Points = default } && a.Points.Span.SequenceEqual(b.Points.Span),
            _ => object.Equals(x, y),
        };

        public int GetHashCode(BoardElement obj) => obj.Id.GetHashCode();
    }

    private sealed class OutcomeComparer : IEqualityComparer<ApplyOutcome>
    {
        public static readonly OutcomeComparer Instance = new();

        public bool Equals(ApplyOutcome x, ApplyOutcome y) => x.Rejection == y.Rejection && x.Change?.GetType() == y.Change?.GetType();

        public int GetHashCode(ApplyOutcome obj) => obj.Rejection?.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
