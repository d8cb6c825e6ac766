using System.Text.Json;
using Whiteboard.App.Boards;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.Rendering;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

/// <summary>Resizing, adding several elements at once (duplicate, paste) and the drawing order: applied, refused, undone, redone, kept.</summary>
public sealed class ArrangeOperationTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly BoardState board = new();
    private readonly ParticipantId alice = ParticipantId.New();
    private readonly ParticipantId bob = ParticipantId.New();

    private IEnumerable<string> Ids() => board.Elements().Select(e => e.Id.Value);

    private T Element<T>(string id) where T : BoardElement => Assert.IsType<T>(board.Elements().Single(e => e.Id.Value == id));

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

    private static ResizeElement Resize(string op, string id, float minX, float minY, float maxX, float maxY) =>
        new(Op(op), Id(id), new Bounds(minX, minY, maxX, maxY));

    private static RestackElements Front(string op, params string[] ids) => new(Op(op), [.. ids.Select(Id)], ToFront: true);

    private static RestackElements Back(string op, params string[] ids) => new(Op(op), [.. ids.Select(Id)], ToFront: false);

    private static Text Words(string id, float x, float y, string content) => new(Id(id), default, Black, new BoardPoint(x, y), content);

    private static Shape Box(string id, float x1, float y1, float x2, float y2) =>
        new(Id(id), default, ShapeKind.Rectangle, Black, new BoardPoint(x1, y1), new BoardPoint(x2, y2), true);

    private static AddElements Add(string op, params BoardElement[] elements) => new(Op(op), elements);

    [Fact]
    public void A_resized_rectangle_fills_the_new_box_and_undo_and_redo_take_it_back_and_forth()
    {
        // Width 4: the rectangle's bounds are its corners and 2 units around, (-2, -2) to (102, 52).
        Accept(alice, Rectangle("r", 0, 0, 100, 50));
        var drawn = Assert.IsType<ElementsDrawn>(Accept(alice, Resize("z", "r", -2, -2, 206, 106)));

        Assert.Equal((new BoardPoint(2, 2), new BoardPoint(202, 102)), (Element<Shape>("r").From, Element<Shape>("r").To));
        Assert.Equal(Element<Shape>("r"), Assert.Single(drawn.Elements));

        Accept(alice, new Undo(Op("u")));
        Assert.Equal((new BoardPoint(0, 0), new BoardPoint(100, 50)), (Element<Shape>("r").From, Element<Shape>("r").To));
        Accept(alice, new Redo(Op("v")));
        Assert.Equal((new BoardPoint(2, 2), new BoardPoint(202, 102)), (Element<Shape>("r").From, Element<Shape>("r").To));

        // Bob's undo never takes back Alice's resize: he has nothing to undo.
        Assert.Equal("Nothing to undo.", Refuse(bob, new Undo(Op("b"))));
    }

    [Fact]
    public void A_resized_stroke_stretches_its_points_and_text_scales_its_size_with_its_box()
    {
        Accept(alice, Begin("s", 0, 0, 100, 100));
        Accept(alice, End("s"));
        var before = HitTest.BoundsOf(Element<Stroke>("s"));
        Accept(alice, Resize("z1", "s", before.MinX, before.MinY, before.MinX + 2 * before.Width, before.MaxY));
        var points = Element<Stroke>("s").Points.Span;
        Assert.Equal(2 * 100, points[1].X - points[0].X, 1);
        Assert.Equal(100, points[1].Y - points[0].Y, 1);

        // "Hi" in width 4 is 16-unit text: its box is 19.2 by 20. Twice the box is twice the font size (width 8).
        Accept(alice, new PlaceText(Id("t"), Black, new BoardPoint(10, 10), "Hi"));
        Accept(alice, Resize("z2", "t", 10, 10, 10 + 2 * 19.2f, 10 + 2 * 20));
        Assert.Equal(8, Element<Text>("t").Style.Width, 3);
        Assert.Equal(new BoardPoint(10, 10), Element<Text>("t").At);
    }

    [Fact]
    public void A_resized_note_stays_square_its_side_following_the_box_and_a_duplicate_keeps_its_paper_and_a_restyled_shape_its_style()
    {
        Accept(alice, new PlaceNote(Id("n"), "#a5d8ff", new BoardPoint(0, 0), 200, "Plan"));
        Accept(alice, Resize("z", "n", 50, 50, 450, 250));
        var note = Element<Note>("n");
        Assert.Equal((new BoardPoint(50, 50), 400f, "#a5d8ff"), (note.At, note.Size, note.Paper));
        Assert.Equal(400, HitTest.BoundsOf(note).Height);
        Assert.Contains("cannot take that size", Refuse(alice, Resize("big", "n", 0, 0, 5000, 5000)), StringComparison.Ordinal);

        Accept(alice, Rectangle("r", 0, 0, 100, 50));
        Accept(alice, new RestyleElements(Op("s"), [Id("r")], new StyleChange(Fill: "#ffc9c9", Line: LineStyle.Dashed, Opacity: 0.5f)));
        Accept(alice, Add("d", note with { Id = Id("n2") }, Element<Shape>("r") with { Id = Id("r2") }));
        Assert.Equal("#a5d8ff", Element<Note>("n2").Paper);
        var copied = Element<Shape>("r2").Style;
        Assert.Equal(("#ffc9c9", LineStyle.Dashed, 0.5f), (copied.Fill, copied.Line, copied.Opacity));
    }

    [Fact]
    public void Bringing_to_the_front_what_is_already_there_changes_nothing_and_leaves_nothing_to_undo()
    {
        Accept(alice, Rectangle("under", 0, 0, 100, 50));
        Accept(alice, Rectangle("over", 10, 10, 60, 60));
        Accept(bob, Front("f1", "over"));
        Assert.Equal("Nothing to undo.", Refuse(bob, new Undo(Op("u1"))));
        Accept(bob, Back("b1", "under"));
        Assert.Equal("Nothing to undo.", Refuse(bob, new Undo(Op("u2"))));

        Accept(bob, Front("f2", "under"));
        Assert.Equal(["over", "under"], Ids());
        Accept(bob, new Undo(Op("u3")));
        Assert.Equal(["under", "over"], Ids());
    }

    [Fact]
    public void A_resize_the_board_cannot_take_is_refused_and_changes_nothing()
    {
        Accept(alice, Rectangle("r", 0, 0, 100, 50));
        Accept(alice, Rectangle("open", 0, 0, 10, 10, finished: false));
        Accept(alice, new PlaceText(Id("t"), Black, new BoardPoint(0, 0), "Hi"));

        Assert.Contains("not on the board", Refuse(alice, Resize("a", "nothing", 0, 0, 10, 10)), StringComparison.Ordinal);
        Assert.Contains("not on the board", Refuse(alice, Resize("b", "open", 0, 0, 10, 10)), StringComparison.Ordinal);
        // Text 100 times larger would be far wider than the widest stroke.
        Assert.Contains("cannot take that size", Refuse(alice, Resize("c", "t", 0, 0, 1920, 2000)), StringComparison.Ordinal);
        Assert.Equal(Black, Element<Text>("t").Style);
        Assert.Equal("Nothing to undo.", Refuse(bob, new Undo(Op("u"))));

        // A refused resize's id is not used up.
        Accept(alice, Resize("c", "r", 0, 0, 10, 10));
    }

    [Theory]
    [InlineData(new double[] { 0, 0, 0, 10 }, "positive size")]
    [InlineData(new double[] { 10, 0, 0, 10 }, "positive size")]
    [InlineData(new double[] { 0, 0, 2_000_000, 10 }, "positive size")]
    [InlineData(new double[] { 0, 0, 10 }, "minX, minY, maxX, maxY")]
    public void A_resize_message_with_bounds_that_are_no_box_is_refused(double[] box, string reason)
    {
        var parsed = MessageValidator.Parse([new BoardMessage("resize", Op: "z", Elements: ["r"], Points: [.. box.Select(v => (double?)v)])]);
        Assert.False(parsed.IsValid);
        Assert.Contains(reason, parsed.Error, StringComparison.Ordinal);

        var unknown = MessageValidator.Parse([new BoardMessage("resize", Op: "z", Elements: ["r"], Points: [0, null, 10, 10])]);
        Assert.False(unknown.IsValid);
        Assert.Contains("one element", MessageValidator.Parse([new BoardMessage("resize", Op: "z", Elements: ["r", "s"], Points: [0, 0, 10, 10])]).Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_resize_sent_again_with_the_same_operation_id_applies_once()
    {
        Accept(alice, Rectangle("r", 0, 0, 100, 50));
        Accept(alice, Resize("z", "r", -2, -2, 206, 106));
        var again = board.Apply(alice, Resize("z", "r", -2, -2, 206, 106));

        Assert.False(again.IsRejected);
        Assert.Null(again.Change);
        Assert.Equal(new BoardPoint(202, 102), Element<Shape>("r").To);
    }

    [Fact]
    public void Elements_added_together_are_the_senders_and_one_undo_takes_them_all_away()
    {
        Accept(bob, Rectangle("first", 0, 0, 10, 10));
        var drawn = Assert.IsType<ElementsDrawn>(Accept(alice, Add("p", Words("a", 0, 0, "one"), Words("b", 50, 50, "two"))));

        Assert.Equal(["first", "a", "b"], Ids());
        Assert.All(drawn.Elements, element => Assert.Equal(alice, element.Author));

        var undone = Assert.IsType<ElementsErased>(Accept(alice, new Undo(Op("u"))));
        Assert.Equal([Id("a"), Id("b")], undone.Elements);
        Assert.Equal(["first"], Ids());
        Accept(alice, new Redo(Op("v")));
        Assert.Equal(["first", "a", "b"], Ids());
    }

    [Fact]
    public void An_add_sent_again_applies_once_and_an_id_used_before_is_refused()
    {
        Accept(alice, Add("p", Words("a", 0, 0, "one"), Words("b", 50, 50, "two")));
        var again = board.Apply(alice, Add("p", Words("a", 0, 0, "one"), Words("b", 50, 50, "two")));
        Assert.False(again.IsRejected);
        Assert.Null(again.Change);
        Assert.Equal(["a", "b"], Ids());

        Assert.Contains("never used twice", Refuse(bob, Add("q", Words("c", 0, 0, "three"), Words("a", 0, 0, "again"))), StringComparison.Ordinal);
        Accept(alice, Erase("e", "a"));
        Assert.Contains("never used twice", Refuse(alice, Add("r", Words("a", 0, 0, "again"))), StringComparison.Ordinal);
        Assert.Equal(["b"], Ids());
    }

    [Fact]
    public void An_add_message_is_read_as_an_import_reads_elements()
    {
        var records = new[] { ElementRecord.Of(Words("a", 0, 0, "one"), withAuthor: false) };
        Assert.True(MessageValidator.Parse([new BoardMessage("add", Op: "p", Records: records)]).IsValid);

        Assert.Contains("1 to", MessageValidator.Parse([new BoardMessage("add", Op: "p", Records: [])]).Error, StringComparison.Ordinal);
        Assert.Contains("same id", MessageValidator.Parse([new BoardMessage("add", Op: "p", Records: [records[0], records[0]])]).Error,
            StringComparison.Ordinal);
        Assert.Contains("color", MessageValidator.Parse([new BoardMessage("add", Op: "p", Records: [records[0] with { Color = "url(x)" }])]).Error,
            StringComparison.Ordinal);
        Assert.Contains("outside the board", MessageValidator.Parse([new BoardMessage("add", Op: "p", Records: [records[0] with { Points = [3e6f, 0] }])]).Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Bringing_to_the_front_and_sending_to_the_back_change_the_drawing_order_and_undo_puts_it_back()
    {
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            Accept(bob, Rectangle(id, 0, 0, 10, 10));
        }

        var shown = Ids().Select(Id).ToList();
        var raised = Assert.IsType<ElementsRestacked>(Accept(alice, Front("f", "c", "a")));
        Assert.Equal(["b", "d", "a", "c"], Ids());
        // What every copy of the board (the mirror, the page's display list) is told takes it to the same order.
        Assert.Equal(Ids(), StackOrder.Apply(shown, raised.Places).Select(id => id.Value));

        Accept(alice, Back("k", "c"));
        Assert.Equal(["c", "b", "d", "a"], Ids());

        shown = Ids().Select(Id).ToList();
        var undone = Assert.IsType<ElementsRestacked>(Accept(alice, new Undo(Op("u1"))));
        Assert.Equal(["b", "d", "a", "c"], Ids());
        Assert.Equal(Ids(), StackOrder.Apply(shown, undone.Places).Select(id => id.Value));
        Accept(alice, new Undo(Op("u2")));
        Assert.Equal(["a", "b", "c", "d"], Ids());
        Accept(alice, new Redo(Op("r1")));
        Assert.Equal(["b", "d", "a", "c"], Ids());

        Assert.Contains("None of these", Refuse(alice, Front("n", "gone")), StringComparison.Ordinal);
        var again = board.Apply(alice, Back("k", "c"));
        Assert.Null(again.Change);
        Assert.Equal(["b", "d", "a", "c"], Ids());
    }

    [Fact]
    public void A_mirror_follows_the_drawing_order_so_a_click_picks_the_element_on_top()
    {
        var mirror = new BoardMirror();
        mirror.Show(Accept(alice, Rectangle("under", 0, 0, 100, 100)));
        mirror.Show(Accept(alice, Rectangle("over", 0, 0, 100, 100)));
        Assert.Equal("over", mirror.ElementAt(new BoardPoint(50, 50), 1)!.Id.Value);

        mirror.Show(Accept(alice, Front("f", "under")));
        Assert.Equal("under", mirror.ElementAt(new BoardPoint(50, 50), 1)!.Id.Value);
    }

    [Fact]
    public void Replaying_the_stored_messages_gives_the_same_board_and_history()
    {
        List<(ParticipantId, BoardOperation)> log =
        [
            (alice, Rectangle("r", 0, 0, 100, 50)),
            (bob, Begin("s", 1, 1, 20, 20)),
            (bob, End("s")),
            (alice, Resize("z", "r", -2, -2, 206, 106)),
            (bob, Add("p", Words("t", 5, 5, "pasted"), Box("q", 0, 0, 1, 1))),
            (alice, Front("f", "r")),
            (bob, Back("k", "t")),
            (alice, new Undo(Op("u"))),
        ];
        var again = new BoardState();
        foreach (var (who, operation) in log)
        {
            Accept(who, operation);
            // As the store keeps it, and as it travels from a board's writer to every instance's room.
            var stored = RelayJson.Decode<BoardMessage>(RelayJson.Encode(BoardMessage.Of(operation)));
            var read = MessageValidator.Parse([stored]);
            Assert.True(read.IsValid, read.Error);
            Assert.False(again.Apply(who, Assert.Single(read.Value!)).IsRejected);
        }

        Assert.Equal(Records(board), Records(again));
        var undos = 0;
        foreach (var who in new[] { alice, bob, bob, alice })
        {
            var undo = new Undo(Op($"n{++undos}"));
            Assert.Equal(board.Apply(who, undo).Rejection, again.Apply(who, undo).Rejection);
            Assert.Equal(Records(board), Records(again));
        }
    }

    [Fact]
    public void A_snapshot_keeps_resizes_adds_and_restacks_in_each_persons_history()
    {
        Accept(alice, Rectangle("r", 0, 0, 100, 50));
        Accept(alice, Rectangle("s", 0, 0, 10, 10));
        Accept(alice, Resize("z", "r", -2, -2, 206, 106));
        Accept(bob, Add("p", Words("t", 5, 5, "pasted")));
        Accept(alice, Back("k", "s"));
        Accept(alice, Front("f", "r"));
        Accept(alice, new Undo(Op("u")));

        var restored = BoardState.Restore(JsonSerializer.Deserialize<BoardStateRecord>(JsonSerializer.Serialize(board.Capture(), Json), Json));
        Assert.True(restored.IsValid, restored.Error);
        var again = restored.Value!;
        Assert.Equal(Records(board), Records(again));

        foreach (var (who, operation) in new (ParticipantId, BoardOperation)[]
        {
            (alice, new Redo(Op("r1"))), (alice, new Undo(Op("u1"))), (alice, new Undo(Op("u2"))), (alice, new Undo(Op("u3"))),
            (bob, new Undo(Op("u4"))), (bob, new Redo(Op("r2"))), (alice, new Redo(Op("r3"))),
        })
        {
            Assert.Equal(board.Apply(who, operation).Rejection, again.Apply(who, operation).Rejection);
            Assert.Equal(Records(board), Records(again));
        }

        var record = board.Capture();
        var damaged = record with { Histories = [.. record.Histories!.Select(history => history with { Undo = [new StepRecord("raised", Ids: ["r"], Places: [-1])] })] };
        Assert.False(BoardState.Restore(damaged).IsValid);
    }

    [Fact]
    public void An_export_keeps_the_drawing_order_and_the_resized_shapes()
    {
        Accept(alice, Rectangle("r", 0, 0, 100, 50));
        Accept(alice, Rectangle("s", 0, 0, 10, 10));
        Accept(alice, Resize("z", "r", -2, -2, 206, 106));
        Accept(alice, Back("k", "s"));
        Accept(alice, Add("p", Words("t", 5, 5, "pasted")));

        var file = JsonSerializer.SerializeToUtf8Bytes(BoardDocument.Of("Board", board.Elements(), []), Json);
        var imported = ImportedBoard.Read(file, bob);
        Assert.True(imported.IsValid, imported.Error);
        Assert.Equal(["s", "r", "t"], imported.Value!.Elements.Select(element => element.Id.Value));
        Assert.Equal(new BoardPoint(202, 102), Assert.IsType<Shape>(imported.Value.Elements[1]).To);
    }

    [Fact]
    public void The_svg_export_draws_in_the_drawing_order_after_a_restack()
    {
        Accept(alice, new DrawShape(Id("red"), ShapeKind.Rectangle, new StrokeStyle("#e03131", 4), new BoardPoint(0, 0), new BoardPoint(10, 10), true));
        Accept(alice, new DrawShape(Id("blue"), ShapeKind.Rectangle, new StrokeStyle("#1971c2", 4), new BoardPoint(0, 0), new BoardPoint(10, 10), true));
        Accept(alice, Back("k", "blue"));

        var svg = SvgCanvas.Render(board.Elements());
        Assert.True(svg.IndexOf("#1971c2", StringComparison.Ordinal) < svg.IndexOf("#e03131", StringComparison.Ordinal), "blue, sent to the back, is drawn first");
    }

    [Fact]
    public void The_clipboard_carries_elements_as_an_export_writes_them_and_refuses_anything_else()
    {
        Accept(alice, Rectangle("r", 0, 0, 100, 50));
        Accept(alice, new PlaceText(Id("t"), Black, new BoardPoint(10, 10), "Hi"));

        var read = ClipboardDocument.Read(ClipboardDocument.Write(board.Elements()));
        Assert.True(read.IsValid, read.Error);
        Assert.Equal(board.Elements().Select(element => element with { Author = default }), read.Value!);

        Assert.Contains("not hold Whiteboard elements", ClipboardDocument.Read("just some words").Error, StringComparison.Ordinal);
        Assert.Contains("not hold Whiteboard elements", ClipboardDocument.Read("""{"format":"whiteboard","version":2,"elements":[]}""").Error, StringComparison.Ordinal);
        Assert.Contains("empty", ClipboardDocument.Read("").Error, StringComparison.Ordinal);
        Assert.Contains("cannot be pasted", ClipboardDocument.Read(
            """{"format":"whiteboard-clipboard","version":1,"elements":[{"type":"text","id":"x","points":[0,0],"color":"red;","width":4,"text":"a"}]}""").Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Copies_get_new_ids_and_lie_where_they_are_put()
    {
        Accept(alice, Rectangle("r", 0, 0, 100, 50));
        var original = Element<Shape>("r");

        var beside = ElementCopies.ShiftedBy([original], ElementCopies.DuplicateOffset, ElementCopies.DuplicateOffset);
        var copy = Assert.IsType<Shape>(Assert.Single(beside.Value!));
        Assert.NotEqual(original.Id, copy.Id);
        Assert.Equal(new BoardPoint(16, 16), copy.From);

        var centred = Assert.IsType<Shape>(Assert.Single(ElementCopies.CentredOn([original], new BoardPoint(1000, 1000)).Value!));
        Assert.Equal(new BoardPoint(950, 975), centred.From);
        Assert.Contains("off the board", ElementCopies.ShiftedBy([original], 1_000_000, 0).Error, StringComparison.Ordinal);
    }

    private static List<string> Records(BoardState state) =>
        [.. state.Elements().Select(element => JsonSerializer.Serialize(ElementRecord.Of(element, withAuthor: true), Json))];
}
