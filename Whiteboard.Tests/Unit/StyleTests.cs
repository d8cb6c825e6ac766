using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Whiteboard.App.Boards;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.Rendering;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;
using Whiteboard.Tests.Infrastructure;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

/// <summary>Fills, line styles and opacity (issue 23, item 4): validated, kept, restyled and undone, drawn.</summary>
public sealed class StyleTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly StrokeStyle Styled = new("#1971c2", 4, "#ffc9c9", LineStyle.Dashed, 0.5f);
    private readonly BoardState board = new();
    private readonly ParticipantId alice = ParticipantId.New();
    private readonly ParticipantId bob = ParticipantId.New();

    private static DrawShape Shape(string id, ShapeKind kind, StrokeStyle style) =>
        new(Id(id), kind, style, new BoardPoint(10, 10), new BoardPoint(50, 40), true);

    private static RestyleElements Restyle(string op, StyleChange change, params string[] ids) => new(Op(op), [.. ids.Select(Id)], change);

    private StrokeStyle StyleOf(string id) => ElementStyles.StyleOf(board.Elements().Single(element => element.Id.Value == id))!;

    private static string? Refusal(BoardMessage message) => MessageValidator.Parse([message]).Error;

    private void Accept(ParticipantId who, BoardOperation operation)
    {
        var outcome = board.Apply(who, operation);
        Assert.False(outcome.IsRejected, outcome.Rejection);
    }

    [Fact]
    public void A_styled_shape_is_accepted_with_its_fill_line_and_opacity()
    {
        var parsed = MessageValidator.Parse([new BoardMessage("shape", "r", Points: [0, 0, 10, 10], Color: "#000", Width: 2, Shape: "rect",
            Fill: "rgb(255, 0, 0)", Line: "dotted", Opacity: 0.35)]);

        Assert.True(parsed.IsValid, parsed.Error);
        Assert.Equal(new StrokeStyle("#000000", 2, "#ff0000", LineStyle.Dotted, 0.35f), Assert.IsType<DrawShape>(parsed.Value![0]).Style);
    }

    [Theory]
    [InlineData("rect", "javascript:alert(1)", null, null, "The fill is not")]
    [InlineData("rect", "url(#x)", null, null, "The fill is not")]
    [InlineData("line", "#ff0000", null, null, "Only rectangles and ellipses take a fill")]
    [InlineData("arrow", "#ff0000", null, null, "Only rectangles and ellipses take a fill")]
    [InlineData("rect", null, "wavy", null, "The line style must be")]
    [InlineData("rect", null, "DASHED", null, "The line style must be")]
    [InlineData("rect", null, null, 0.0, "The opacity must be a number from 0.1 to 1")]
    [InlineData("rect", null, null, 0.05, "The opacity must be a number from 0.1 to 1")]
    [InlineData("rect", null, null, 1.5, "The opacity must be a number from 0.1 to 1")]
    [InlineData("rect", null, null, -1.0, "The opacity must be a number from 0.1 to 1")]
    [InlineData("rect", null, null, double.NaN, "The opacity must be a number from 0.1 to 1")]
    [InlineData("rect", null, null, double.PositiveInfinity, "The opacity must be a number from 0.1 to 1")]
    public void A_shape_with_a_bad_style_is_refused_with_the_reason(string shape, string? fill, string? line, double? opacity, string reason)
    {
        var message = new BoardMessage("shape", "s", Points: [0, 0, 10, 10], Color: "#000", Width: 2, Shape: shape, Fill: fill, Line: line, Opacity: opacity);

        Assert.Contains(reason, Refusal(message), StringComparison.Ordinal);
    }

    [Fact]
    public void Pen_strokes_and_text_take_an_opacity_but_no_fill_and_no_line_style()
    {
        Assert.Null(Refusal(new BoardMessage("begin", "s", Points: [0, 0, 0.5], Color: "#000", Width: 2, Opacity: 0.5)));
        Assert.Null(Refusal(new BoardMessage("text", "t", Points: [0, 0], Color: "#000", Width: 2, Text: "hi", Opacity: 0.5)));
        Assert.Contains("A pen stroke takes no fill", Refusal(new BoardMessage("begin", "s", Points: [0, 0, 0.5], Color: "#000", Width: 2, Fill: "#fff")), StringComparison.Ordinal);
        Assert.Contains("A pen stroke takes no fill and is drawn solid", Refusal(new BoardMessage("begin", "s", Points: [0, 0, 0.5], Color: "#000", Width: 2, Line: "dashed")), StringComparison.Ordinal);
        Assert.Contains("Text takes no fill", Refusal(new BoardMessage("text", "t", Points: [0, 0], Color: "#000", Width: 2, Text: "hi", Line: "dotted")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, null, null, null, "must change at least one")]
    [InlineData("nope", null, null, null, null, "The color is not")]
    [InlineData(null, 0.1, null, null, null, "The width must be")]
    [InlineData(null, double.NaN, null, null, null, "The width must be")]
    [InlineData(null, null, "expression(x)", null, null, "The fill is not")]
    [InlineData(null, null, null, "zigzag", null, "The line style must be")]
    [InlineData(null, null, null, null, 2.0, "The opacity must be")]
    public void A_bad_restyle_is_refused_with_the_reason(string? color, double? width, string? fill, string? line, double? opacity, string reason)
    {
        var message = new BoardMessage("restyle", Op: "o", Elements: ["r"], Color: color, Width: width, Fill: fill, Line: line, Opacity: opacity);

        Assert.Contains(reason, Refusal(message), StringComparison.Ordinal);
        Assert.Contains("elements", Refusal(message with { Color = "#000", Elements = [] }), StringComparison.Ordinal);
        Assert.Contains("operation id", Refusal(message with { Color = "#000", Op = null }), StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_elements_are_written_down_as_before_styles()
    {
        Accept(alice, Rectangle("r", 0, 0, 10, 10));
        var message = Encoding.UTF8.GetString(RelayJson.Encode(BoardMessage.Of(Rectangle("r", 0, 0, 10, 10))));
        var record = JsonSerializer.Serialize(ElementRecord.Of(board.Elements()[0], withAuthor: true), Json);
        var snapshot = JsonSerializer.Serialize(board.Capture(), Json);

        foreach (var written in new[] { message, record, snapshot })
        {
            Assert.DoesNotContain("\"fill\"", written, StringComparison.Ordinal);
            Assert.DoesNotContain("\"line\"", written, StringComparison.Ordinal);
            Assert.DoesNotContain("\"opacity\"", written, StringComparison.Ordinal);
            Assert.DoesNotContain("\"restyles\"", written, StringComparison.Ordinal);
        }

        Assert.Contains("\"fill\":\"#ffc9c9\",\"line\":\"dashed\",\"opacity\":0.5",
            Encoding.UTF8.GetString(RelayJson.Encode(BoardMessage.Of(Shape("s", ShapeKind.Rectangle, Styled)))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_restyle_changes_what_each_element_takes_in_one_undo_step_and_undo_gives_each_its_own_style_back()
    {
        var red = new StrokeStyle("#e03131", 2);
        Accept(alice, Shape("rect", ShapeKind.Rectangle, Ink.Black));
        Accept(alice, Shape("line", ShapeKind.Line, red));
        Accept(alice, Begin("pen", 0, 0, 5, 5));
        Accept(alice, End("pen"));

        var restyled = Assert.IsType<ElementsDrawn>(board.Apply(alice,
            Restyle("o1", new StyleChange(Fill: "#a5d8ff", Line: LineStyle.Dotted, Opacity: 0.4f), "rect", "line", "pen")).Change);

        Assert.Equal(3, restyled.Elements.Count);
        Assert.Equal(Ink.Black with { Fill = "#a5d8ff", Line = LineStyle.Dotted, Opacity = 0.4f }, StyleOf("rect"));
        Assert.Equal(red with { Line = LineStyle.Dotted, Opacity = 0.4f }, StyleOf("line"));       // a line takes no fill
        Assert.Equal(Ink.Black with { Opacity = 0.4f }, StyleOf("pen"));                           // a pen stroke stays solid
        Assert.Equal(["rect", "line", "pen"], board.Elements().Select(element => element.Id.Value)); // restyled where they stand

        // The same restyle again (a retry after a lost answer) is applied once.
        Assert.Null(board.Apply(alice, Restyle("o1", new StyleChange(Opacity: 1), "rect")).Change);
        Assert.Equal(0.4f, StyleOf("rect").Opacity);

        Accept(alice, new Undo(Op("u1")));
        Assert.Equal(Ink.Black, StyleOf("rect"));
        Assert.Equal(red, StyleOf("line"));
        Assert.Equal(Ink.Black, StyleOf("pen"));
        Assert.Equal(["rect", "line", "pen"], board.Elements().Select(element => element.Id.Value)); // one undo: nothing else undone

        Accept(alice, new Redo(Op("r1")));
        Assert.Equal(Ink.Black with { Fill = "#a5d8ff", Line = LineStyle.Dotted, Opacity = 0.4f }, StyleOf("rect"));
        Assert.Equal(red with { Line = LineStyle.Dotted, Opacity = 0.4f }, StyleOf("line"));
    }

    [Fact]
    public void Taking_a_fill_away_and_restyling_what_is_not_there_or_already_so()
    {
        Accept(alice, Shape("rect", ShapeKind.Rectangle, Styled));

        Accept(bob, Restyle("o1", new StyleChange(Fill: StyleChange.NoFill, Color: "#2f9e44"), "rect"));
        Assert.Equal(Styled with { Fill = null, Color = "#2f9e44" }, StyleOf("rect"));

        Assert.Contains("None of these elements", board.Apply(bob, Restyle("o2", new StyleChange(Opacity: 1), "gone")).Rejection, StringComparison.Ordinal);
        Assert.Null(board.Apply(bob, Restyle("o3", new StyleChange(Color: "#2f9e44"), "rect")).Change); // already so: nothing to undo
        Accept(bob, new Undo(Op("u1")));
        Assert.Equal(Styled, StyleOf("rect"));
    }

    [Fact]
    public void Styles_and_a_restyles_undo_replay_the_same_from_the_log_and_from_a_snapshot()
    {
        List<(ParticipantId Author, BoardMessage Message)> log = [];
        void Apply(ParticipantId author, BoardOperation operation)
        {
            Accept(author, operation);
            log.Add((author, BoardMessage.Of(operation)));
        }

        Apply(alice, Shape("rect", ShapeKind.Rectangle, Styled));
        Apply(alice, Shape("ellipse", ShapeKind.Ellipse, Ink.Black));
        Apply(alice, new PlaceText(Id("t"), Ink.Black with { Opacity = 0.3f }, new BoardPoint(1, 2), "hi"));
        Apply(bob, Restyle("o1", new StyleChange(Fill: "#ffec99", Line: LineStyle.Dashed), "ellipse", "rect"));

        var replayed = new BoardState();
        foreach (var (author, message) in log)
        {
            var parsed = MessageValidator.Parse([RelayJson.Decode<BoardMessage>(RelayJson.Encode(message))]);
            Assert.True(parsed.IsValid, parsed.Error);
            Assert.False(replayed.Apply(author, parsed.Value![0]).IsRejected);
        }

        var restored = BoardState.Restore(RelayJson.Decode<BoardStateRecord>(RelayJson.Encode(board.Capture())));
        Assert.True(restored.IsValid, restored.Error);

        Assert.Equal(board.Elements(), replayed.Elements());
        Assert.Equal(board.Elements(), restored.Value!.Elements());
        foreach (var again in new[] { replayed, restored.Value })
        {
            // Bob's undo, after either, puts back each element's own former style.
            Assert.False(again.Apply(bob, new Undo(Op("u"))).IsRejected);
            Assert.Equal([Styled, Ink.Black], again.Elements().Take(2).Select(element => ElementStyles.StyleOf(element)));
        }
    }

    [Fact]
    public void An_exported_board_imports_with_its_styles_and_a_damaged_style_is_refused()
    {
        Accept(alice, Shape("rect", ShapeKind.Rectangle, Styled));
        Accept(alice, Shape("arrow", ShapeKind.Arrow, Ink.Black with { Line = LineStyle.Dotted, Opacity = 0.75f }));
        var file = JsonSerializer.SerializeToUtf8Bytes(BoardDocument.Of("Styles", board.Elements(), []), Json);

        var imported = ImportedBoard.Read(file, bob);
        var filledArrow = ImportedBoard.Read(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(file).Replace(
            "\"line\":\"dotted\"", "\"fill\":\"#ff0000\",\"line\":\"dotted\"", StringComparison.Ordinal)), bob);
        var faint = ImportedBoard.Read(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(file).Replace(
            "\"opacity\":0.75", "\"opacity\":0.01", StringComparison.Ordinal)), bob);

        Assert.True(imported.IsValid, imported.Error);
        Assert.Equal(board.Elements().Select(ElementStyles.StyleOf), imported.Value!.Elements.Select(ElementStyles.StyleOf));
        Assert.Contains("Only rectangles and ellipses take a fill", filledArrow.Error, StringComparison.Ordinal);
        Assert.Contains("The opacity must be", faint.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Undoing_a_restyle_puts_back_only_what_it_changed_and_leaves_what_others_changed_since()
    {
        Accept(alice, new PlaceText(Id("t"), Ink.Black, new BoardPoint(1, 2), "hi"));
        Accept(alice, Restyle("faint", new StyleChange(Opacity: 0.5f), "t"));
        Accept(bob, Restyle("red", new StyleChange(Color: "#e03131", Width: 8), "t"));

        Accept(alice, new Undo(Op("u")));
        Assert.Equal(new StrokeStyle("#e03131", 8), StyleOf("t"));
        Accept(alice, new Redo(Op("r")));
        Assert.Equal(new StrokeStyle("#e03131", 8, Opacity: 0.5f), StyleOf("t"));
    }

    [Fact]
    public void A_note_takes_an_opacity_only_keeps_it_through_a_snapshot_and_an_export_and_is_drawn_faint()
    {
        // Larger than any width: a note's side is never written down as a style's width.
        Accept(alice, new PlaceNote(Id("n"), "#ffec99", new BoardPoint(0, 0), 400, "Plan"));
        Accept(bob, Restyle("o1", new StyleChange(Color: "#e03131", Width: 9, Fill: "#ff0000", Line: LineStyle.Dotted, Opacity: 0.4f), "n"));

        var note = Assert.IsType<Note>(board.Elements().Single());
        Assert.Equal(("#ffec99", 400f, 0.4f), (note.Paper, note.Size, note.Opacity));
        var canvas = new RecordingCanvas();
        BoardRenderer.Draw(note, canvas);
        Assert.Equal(["alpha 0.4", "begin-path"], canvas.Commands.Take(2));

        var restored = BoardState.Restore(RelayJson.Decode<BoardStateRecord>(RelayJson.Encode(board.Capture())));
        Assert.True(restored.IsValid, restored.Error);
        Assert.Equal(note, restored.Value!.Elements().Single());
        var file = JsonSerializer.SerializeToUtf8Bytes(BoardDocument.Of("Notes", board.Elements(), []), Json);
        var imported = ImportedBoard.Read(file, bob);
        Assert.True(imported.IsValid, imported.Error);
        Assert.Equal(0.4f, Assert.IsType<Note>(imported.Value!.Elements.Single()).Opacity);
        var filled = ImportedBoard.Read(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(file).Replace(
            "\"opacity\":0.4", "\"fill\":\"#ff0000\",\"opacity\":0.4", StringComparison.Ordinal)), bob);
        Assert.Contains("A note takes no fill", filled.Error, StringComparison.Ordinal);

        Accept(bob, new Undo(Op("u")));
        Assert.Equal(1, Assert.IsType<Note>(board.Elements().Single()).Opacity);
        Assert.False(restored.Value.Apply(bob, new Undo(Op("u"))).IsRejected);
        Assert.Equal(1, Assert.IsType<Note>(restored.Value.Elements().Single()).Opacity);

        // A note is placed opaque, on its paper: a message placing one with style parts is refused, not half taken.
        foreach (var styled in new[] { new BoardMessage("note", "m", Points: [0, 0], Color: "#ffec99", Width: 200, Text: "x", Opacity: 0.5),
            new BoardMessage("note", "m", Points: [0, 0], Color: "#ffec99", Width: 200, Text: "x", Fill: "#ff0000") })
        {
            Assert.Contains("A note is placed with no fill, line style or opacity", Refusal(styled), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_eraser_passing_inside_a_filled_shape_touches_it_and_inside_a_hollow_one_does_not()
    {
        var inside = new[] { new BoardPoint(20, 20), new BoardPoint(30, 25) };
        foreach (var kind in new[] { ShapeKind.Rectangle, ShapeKind.Ellipse })
        {
            var hollow = new Shape(Id("h"), alice, kind, Ink.Black, new BoardPoint(0, 0), new BoardPoint(50, 50), true);

            Assert.False(Whiteboard.Shared.Geometry.HitTest.Touches(hollow, inside, 2));
            Assert.True(Whiteboard.Shared.Geometry.HitTest.Touches(hollow with { Style = Styled }, inside, 2));
        }
    }

    [Fact]
    public void The_renderer_fills_inside_the_outline_dashes_it_by_its_width_and_draws_it_faint()
    {
        var canvas = new RecordingCanvas();
        BoardRenderer.Draw(new Shape(Id("r"), alice, ShapeKind.Rectangle, Styled, new BoardPoint(0, 0), new BoardPoint(10, 10), true), canvas);

        Assert.Equal(
            ["alpha 0.5", "stroke-style #1971c2 4", "dash 12 12", "begin-path", "move-to 0 0", "line-to 10 0", "line-to 10 10", "line-to 0 10",
             "close-path", "fill #ffc9c9", "stroke"],
            canvas.Commands);
    }

    [Fact]
    public void A_plain_element_is_drawn_as_before_and_a_faint_stroke_says_so_in_every_piece()
    {
        var plain = new RecordingCanvas();
        BoardRenderer.Draw(new Shape(Id("r"), alice, ShapeKind.Ellipse, Ink.Black, new BoardPoint(0, 0), new BoardPoint(10, 10), true), plain);
        var stroke = new Stroke(Id("s"), alice, Ink.Black with { Opacity = 0.25f }, Points(0, 0, 5, 5, 9, 9), true);
        var piece = new RecordingCanvas();
        BoardRenderer.DrawStroke(stroke, 2, piece);

        Assert.Equal(["stroke-style #000000 4", "begin-path", "ellipse 5 5 5 5", "stroke"], plain.Commands);
        Assert.Equal("alpha 0.25", piece.Commands[0]);
    }

    [Fact]
    public void A_dashed_arrow_has_a_solid_head()
    {
        var canvas = new RecordingCanvas();
        BoardRenderer.Draw(new Shape(Id("a"), alice, ShapeKind.Arrow, Ink.Black with { Line = LineStyle.Dotted }, new BoardPoint(0, 0), new BoardPoint(100, 0), true), canvas);

        Assert.Equal("dash 0 10", canvas.Commands[1]);
        var solid = canvas.Commands.IndexOf("dash 0 0");
        Assert.True(solid > 0 && canvas.Commands[solid - 1] == "stroke" && canvas.Commands[^1] == "stroke", string.Join(", ", canvas.Commands));
    }

    [Fact]
    public void The_svg_export_has_the_fill_the_dashes_and_the_opacity_and_the_next_element_is_plain()
    {
        var svg = XDocument.Parse(SvgCanvas.Render([
            new Shape(Id("r"), alice, ShapeKind.Rectangle, Styled, new BoardPoint(0, 0), new BoardPoint(10, 10), true),
            new Shape(Id("p"), alice, ShapeKind.Line, Ink.Black, new BoardPoint(0, 0), new BoardPoint(10, 10), true),
        ]));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var paths = svg.Descendants(ns + "path").ToList();

        Assert.Equal(3, paths.Count);
        Assert.Equal(("#ffc9c9", "0.5"), (paths[0].Attribute("fill")!.Value, paths[0].Attribute("opacity")!.Value));
        Assert.Equal(("#1971c2", "12 12", "0.5"), (paths[1].Attribute("stroke")!.Value, paths[1].Attribute("stroke-dasharray")!.Value, paths[1].Attribute("opacity")!.Value));
        Assert.Null(paths[2].Attribute("stroke-dasharray"));
        Assert.Null(paths[2].Attribute("opacity"));
    }
}
