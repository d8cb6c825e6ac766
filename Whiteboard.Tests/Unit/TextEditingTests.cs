using Whiteboard.App.Boards;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

/// <summary>Editing a text's or a note's content: one operation, one undo step, refused for anything else.</summary>
public sealed class TextEditingTests
{
    private readonly BoardState board = new();
    private readonly ParticipantId alice = ParticipantId.New();
    private readonly ParticipantId bob = ParticipantId.New();

    public TextEditingTests()
    {
        Accept(alice, new PlaceText(Id("t"), Black, new BoardPoint(5, 5), "draft"));
        Accept(alice, new PlaceNote(Id("n"), "#ffec99", new BoardPoint(100, 5), 200, "todo"));
    }

    private void Accept(ParticipantId who, BoardOperation operation)
    {
        var outcome = board.Apply(who, operation);
        Assert.False(outcome.IsRejected, outcome.Rejection);
    }

    private static EditText Edit(string op, string id, string content) => new(Op(op), Id(id), content);

    private string ContentOf(string id) => board.Elements().Single(element => element.Id.Value == id) switch
    {
        Text text => text.Content,
        Note note => note.Content,
        var other => throw new InvalidOperationException(other.GetType().Name),
    };

    [Fact]
    public void An_edit_changes_the_content_where_the_text_stands_once_however_often_it_is_sent()
    {
        var edited = Assert.IsType<ElementsDrawn>(board.Apply(bob, Edit("e", "t", "final")).Change);

        Assert.Equal(new Text(Id("t"), alice, Black, new BoardPoint(5, 5), "final"), Assert.Single(edited.Elements));
        Assert.Null(board.Apply(bob, Edit("e", "t", "final again")).Change);
        Assert.Equal("final", ContentOf("t"));
        Assert.Equal(["t", "n"], board.Elements().Select(element => element.Id.Value));
    }

    [Fact]
    public void Undo_puts_back_the_former_content_and_redo_the_new_one_in_one_step_each()
    {
        Accept(bob, Edit("e1", "n", "done"));
        Accept(bob, Edit("e2", "t", "final"));

        Accept(bob, new Undo(Op("u1")));
        Assert.Equal(("draft", "done"), (ContentOf("t"), ContentOf("n")));
        Accept(bob, new Undo(Op("u2")));
        Assert.Equal(("draft", "todo"), (ContentOf("t"), ContentOf("n")));
        Assert.Equal("Nothing to undo.", board.Apply(bob, new Undo(Op("u3"))).Rejection);

        Accept(bob, new Redo(Op("r1")));
        Assert.Equal("done", ContentOf("n"));
        Assert.Equal(2, board.Elements().Count);
    }

    [Fact]
    public void An_edit_of_a_stroke_or_of_an_erased_text_is_refused_with_a_reason_and_changes_nothing()
    {
        Accept(alice, Begin("s", 0, 0, 1, 1));
        Accept(alice, End("s"));
        Accept(alice, Erase("gone", "t"));
        var before = board.Size;

        Assert.Equal("Only a text or a note can be edited this way.", board.Apply(bob, Edit("e1", "s", "x")).Rejection);
        Assert.Equal("This text is no longer on the board.", board.Apply(bob, Edit("e2", "t", "x")).Rejection);
        Assert.Equal(before, board.Size);
        Assert.Equal("Nothing to undo.", board.Apply(bob, new Undo(Op("u"))).Rejection);
    }

    [Fact]
    public void Undoing_an_edit_of_a_text_erased_since_changes_nothing()
    {
        Accept(bob, Edit("e", "t", "final"));
        Accept(alice, Erase("gone", "t"));

        var undone = board.Apply(bob, new Undo(Op("u")));

        Assert.Empty(Assert.IsType<ElementsDrawn>(undone.Change).Elements);
        Assert.Equal(["n"], board.Elements().Select(element => element.Id.Value));
    }

    [Fact]
    public void An_edit_is_refused_when_its_message_is_bad()
    {
        string Refusal(BoardMessage message) => MessageValidator.Parse([message]).Error!;

        Assert.Contains("operation id", Refusal(new BoardMessage("edit-text", "t", Text: "x")), StringComparison.Ordinal);
        Assert.Contains("id of the text", Refusal(new BoardMessage("edit-text", Op: "e", Text: "x")), StringComparison.Ordinal);
        Assert.Contains("empty", Refusal(new BoardMessage("edit-text", "t", Op: "e", Text: "")), StringComparison.Ordinal);
        Assert.Contains("at most", Refusal(new BoardMessage("edit-text", "t", Op: "e", Text: new string('x', BoardLimits.MaxTextLength + 1))),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Edits_replay_the_same_from_the_stored_operations_and_from_a_stored_snapshot_undo_included()
    {
        BoardOperation[] edits = [Edit("e1", "t", "one"), Edit("e2", "n", "two\nlines")];
        foreach (var edit in edits)
        {
            Accept(bob, edit);
        }

        var replayed = new BoardState();
        replayed.Apply(alice, new PlaceText(Id("t"), Black, new BoardPoint(5, 5), "draft"));
        replayed.Apply(alice, new PlaceNote(Id("n"), "#ffec99", new BoardPoint(100, 5), 200, "todo"));
        foreach (var edit in edits)
        {
            var stored = RelayJson.Decode<BoardMessage>(RelayJson.Encode(BoardMessage.Of(edit)));
            Assert.False(replayed.Apply(bob, Assert.Single(MessageValidator.Parse([stored]).Value!)).IsRejected);
        }

        var restored = BoardState.Restore(RelayJson.Decode<BoardStateRecord>(RelayJson.Encode(board.Capture()))).Value!;

        Assert.Equal(board.Elements(), replayed.Elements());
        Assert.Equal(board.Elements(), restored.Elements());
        Assert.Equal(board.Size, restored.Size);
        Assert.Null(restored.Apply(bob, Edit("e1", "t", "again")).Change);
        Assert.False(restored.Apply(bob, new Undo(Op("u"))).IsRejected);
        Assert.Equal("todo", Assert.IsType<Note>(restored.Elements()[1]).Content);
        Assert.False(restored.Apply(bob, new Redo(Op("r"))).IsRejected);
        Assert.Equal("two\nlines", Assert.IsType<Note>(restored.Elements()[1]).Content);
    }

    [Fact]
    public void A_damaged_edit_in_a_snapshots_history_is_refused()
    {
        Accept(bob, Edit("e", "t", "final"));
        var record = board.Capture();
        var history = record.Histories!.Single(h => h.Participant == bob.Value);
        var step = history.Undo![0];

        Assert.False(BoardState.Restore(record with { Histories = [history with { Undo = [step with { Texts = ["only one"] }] }] }).IsValid);
        Assert.False(BoardState.Restore(record with { Histories = [history with { Undo = [step with { Texts = ["a", "b\u0007"] }] }] }).IsValid);
        Assert.True(BoardState.Restore(record).IsValid);
    }
}
