using System.Text.Json;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// Restoring a moment of the history on the board itself: the board looks as it did then, as one step of its author's
/// undo history; undo returns exactly the board before, order included; ink being drawn is left alone; limits hold.
/// </summary>
public sealed class RestoreMomentTests
{
    private readonly BoardState board = new();
    private readonly ParticipantId alice = ParticipantId.New();
    private readonly ParticipantId bob = ParticipantId.New();

    /// <summary>The board as a page would draw it, every element written down whole, in drawing order.</summary>
    private string Shown() => JsonSerializer.Serialize(board.Elements().Select(element => ElementRecord.Of(element, withAuthor: true)));

    private BoardChange Accept(ParticipantId who, BoardOperation operation)
    {
        var outcome = board.Apply(who, operation);
        Assert.False(outcome.IsRejected, outcome.Rejection);
        return outcome.Change!;
    }

    private string Refuse(ParticipantId who, BoardOperation operation)
    {
        var outcome = board.Apply(who, operation);
        Assert.True(outcome.IsRejected);
        return outcome.Rejection!;
    }

    private IReadOnlyList<BoardElement> Finished() => [.. board.Elements().Where(element => element.IsFinished)];

    private static RestoreMoment Restore(string op, IReadOnlyList<BoardElement> moment) => new(Op(op), 1, moment);

    [Fact]
    public void A_cleared_board_is_brought_back_by_one_restore_and_its_undo_clears_it_again()
    {
        Accept(alice, Rectangle("a", 0, 0, 10, 10));
        Accept(bob, Begin("b", 0, 0, 5, 5));
        Accept(bob, End("b"));
        Accept(alice, Move("m", 3, 4, "b"));
        var beforeClear = Finished();
        var drawnBeforeClear = Shown();
        Accept(bob, new ClearBoard(Op("clear")));

        var restored = Assert.IsType<BoardRestored>(Accept(alice, Restore("restore", beforeClear)));

        Assert.Equal(drawnBeforeClear, Shown());
        Assert.Empty(restored.Erased);
        Assert.Equal(["a", "b"], restored.Drawn.Select(element => element.Id.Value));
        Accept(alice, new Undo(Op("undo")));
        Assert.Empty(board.Elements());
        Accept(alice, new Redo(Op("redo")));
        Assert.Equal(drawnBeforeClear, Shown());
    }

    [Fact]
    public void Restore_then_undo_returns_exactly_the_board_before_in_its_order()
    {
        Accept(alice, Rectangle("a", 0, 0, 10, 10));
        Accept(alice, Rectangle("b", 20, 0, 30, 10));
        var moment = Finished();
        Accept(bob, Erase("e", "a"));
        Accept(bob, Rectangle("c", 40, 0, 50, 10));
        Accept(alice, new Undo(Op("u0")));
        Accept(alice, new Redo(Op("r0")));
        Accept(bob, Move("m", 5, 5, "b"));
        Accept(bob, new PlaceText(Id("t"), Black, new BoardPoint(1, 1), "hello"));
        var before = Shown();

        var restored = Assert.IsType<BoardRestored>(Accept(bob, Restore("restore", moment)));
        Assert.Equal(JsonSerializer.Serialize(moment.Select(element => ElementRecord.Of(element, withAuthor: true))), Shown());
        Assert.Equal(["c", "b", "t"], restored.Erased.Select(id => id.Value));
        Accept(bob, new Undo(Op("undo")));

        Assert.Equal(before, Shown());
    }

    [Fact]
    public void Only_its_author_undoes_a_restore_and_ink_being_drawn_stays_through_it()
    {
        Accept(alice, Rectangle("a", 0, 0, 10, 10));
        var moment = Finished();
        Accept(alice, Rectangle("b", 20, 0, 30, 10));
        Accept(bob, Begin("wet", 0, 0, 5, 5));

        Accept(alice, Restore("restore", moment));

        Assert.Equal(["wet", "a"], board.Elements().Select(element => element.Id.Value));
        Assert.Equal("Nothing to undo.", Refuse(bob, new Undo(Op("bobs-undo"))));
        Accept(bob, Extend("wet", 2, 9, 9));
        Accept(alice, new Undo(Op("undo")));
        Assert.Equal(["wet", "a", "b"], board.Elements().Select(element => element.Id.Value));
    }

    [Fact]
    public void A_restore_is_applied_once_and_a_board_that_already_looks_so_refuses_it()
    {
        Accept(alice, Rectangle("a", 0, 0, 10, 10));
        var moment = Finished();
        Accept(alice, Rectangle("b", 20, 0, 30, 10));
        Accept(alice, Restore("restore", moment));

        Assert.Null(board.Apply(alice, Restore("restore", moment)).Change);
        Assert.Equal("The board already looks as it did at that moment.", Refuse(alice, Restore("again", moment)));
        Assert.Contains("through its writer", Refuse(alice, new RestoreMoment(Op("bare"), 1, null)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_moment_over_the_board_s_limits_is_refused_with_the_limit_and_changes_nothing()
    {
        var huge = Enumerable.Range(0, BoardLimits.MaxElementsPerBoard + 1)
            .Select(n => (BoardElement)new Shape(Id($"s{n}"), alice, ShapeKind.Rectangle, Black, new BoardPoint(0, 0), new BoardPoint(1, 1), true))
            .ToList();
        Accept(alice, Rectangle("a", 0, 0, 10, 10));
        var before = Shown();

        var refusal = Refuse(alice, Restore("restore", huge));

        Assert.Equal($"That moment cannot be restored: this board holds at most {BoardLimits.MaxElementsPerBoard:N0} elements, and it would hold {huge.Count:N0}.", refusal);
        Assert.Equal(before, Shown());
    }

    [Fact]
    public void A_restore_and_its_undo_history_survive_a_snapshot()
    {
        Accept(alice, Rectangle("a", 0, 0, 10, 10));
        var moment = Finished();
        Accept(alice, Rectangle("b", 20, 0, 30, 10));
        var before = Shown();
        Accept(alice, Restore("restore", moment));

        var reloaded = BoardState.Restore(JsonSerializer.Deserialize<BoardStateRecord>(JsonSerializer.Serialize(board.Capture()))).Value!;
        Assert.False(reloaded.Apply(alice, new Undo(Op("undo"))).IsRejected);

        Assert.Equal(before, JsonSerializer.Serialize(reloaded.Elements().Select(element => ElementRecord.Of(element, withAuthor: true))));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    [InlineData(1e300)]
    public void A_restore_naming_no_moment_is_refused_by_the_validator(double sequence)
    {
        var parsed = MessageValidator.Parse([new BoardMessage("restore", Op: "r1", Sequence: sequence)]);

        Assert.Equal("A restore needs the sequence number of a moment of the board's history: a whole number, 0 or more.", parsed.Error);
    }

    [Fact]
    public void A_stored_restore_reads_back_as_it_was_written()
    {
        Accept(alice, Rectangle("a", 0, 0, 10, 10));
        Accept(alice, Begin("s", 0, 0, 5, 5));
        Accept(alice, End("s"));
        var restore = new RestoreMoment(Op("r1"), 7, Finished());

        var message = JsonSerializer.Deserialize<BoardMessage>(JsonSerializer.Serialize(BoardMessage.Of(restore)));
        var read = Assert.IsType<RestoreMoment>(Assert.Single(MessageValidator.Parse([message]).Value!));

        Assert.Equal((restore.Op, 7L), (read.Op, read.Sequence));
        Assert.Equal(
            JsonSerializer.Serialize(restore.Moment!.Select(element => ElementRecord.Of(element, withAuthor: true))),
            JsonSerializer.Serialize(read.Moment!.Select(element => ElementRecord.Of(element, withAuthor: true))));
        Assert.Null(MessageValidator.Parse([new BoardMessage("restore", Op: "r2")]).Value);
    }
}
