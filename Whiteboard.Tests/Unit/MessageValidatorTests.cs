using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Tests.Unit;

public sealed class MessageValidatorTests
{
    private static BoardMessage Begin(double?[] points, string color = "#000000", double? width = 4) =>
        new("begin", "s1", Points: points, Color: color, Width: width);

    [Fact]
    public void A_good_batch_becomes_operations_in_order()
    {
        var result = MessageValidator.Parse(
        [
            Begin([1, 2, 0.5, 3, 4, 0.5], color: "RGB(255, 0, 0)"),
            new BoardMessage("extend", "s1", From: 2, Points: [5, 6, 0.5]),
            new BoardMessage("end", "s1"),
        ]);

        Assert.True(result.IsValid, result.Error);
        var begin = Assert.IsType<BeginStroke>(result.Value![0]);
        Assert.Equal("#ff0000", begin.Style.Color);
        Assert.Equal(2, begin.Points.Count);
        Assert.Equal(2, Assert.IsType<ExtendStroke>(result.Value[1]).FromIndex);
        Assert.IsType<FinishElement>(result.Value[2]);
    }

    [Fact]
    public void Shapes_text_and_edits_become_operations()
    {
        var result = MessageValidator.Parse(
        [
            new BoardMessage("shape", "r", Points: [1, 2, 30, 40], Color: "#e03131", Width: 2, Shape: "ellipse", Done: true),
            new BoardMessage("text", "t", Points: [5, 6], Color: "#000", Width: 4, Text: "two\r\nlines"),
            new BoardMessage("move", Op: "m", Elements: ["r", "t", "r"], Dx: 10, Dy: -5),
            new BoardMessage("erase", Op: "e", Elements: ["r"]),
            new BoardMessage("clear", Op: "c"),
            new BoardMessage("undo", Op: "u"),
            new BoardMessage("redo", Op: "v"),
        ]);

        Assert.True(result.IsValid, result.Error);
        var shape = Assert.IsType<DrawShape>(result.Value![0]);
        Assert.Equal((ShapeKind.Ellipse, 30f, true), (shape.Kind, shape.To.X, shape.IsFinished));
        Assert.Equal("two\nlines", Assert.IsType<PlaceText>(result.Value[1]).Content);
        var move = Assert.IsType<MoveElements>(result.Value[2]);
        Assert.Equal(2, move.Elements.Count);
        Assert.Equal(-5, move.Dy);
        Assert.IsType<EraseElements>(result.Value[3]);
        Assert.IsType<ClearBoard>(result.Value[4]);
        Assert.IsType<Undo>(result.Value[5]);
        Assert.IsType<Redo>(result.Value[6]);
    }

    [Fact]
    public void Every_operation_written_down_reads_back_the_same()
    {
        var messages = new BoardMessage?[]
        {
            new("begin", "s", Points: [1, 2, 0.5], Color: "#000000", Width: 4),
            new("shape", "r", Points: [1, 2, 30, 40], Color: "#e03131", Width: 2, Shape: "arrow", Done: true),
            new("text", "t", Points: [5, 6], Color: "#000000", Width: 4, Text: "hi"),
            new("move", Op: "m", Elements: ["r"], Dx: 10, Dy: -5),
            new("erase", Op: "e", Elements: ["r"]),
            new("clear", Op: "c"),
            new("undo", Op: "u"),
            new("redo", Op: "v"),
        };
        var operations = MessageValidator.Parse(messages).Value!;

        var again = MessageValidator.Parse(operations.Select(BoardMessage.Of).ToArray());

        Assert.True(again.IsValid, again.Error);
        Assert.Equal(operations.Select(Describe), again.Value!.Select(Describe));
    }

    private static string Describe(BoardOperation operation) =>
        System.Text.Json.JsonSerializer.Serialize(BoardMessage.Of(operation));

    public static TheoryData<string, BoardMessage?[]?, string> BadBatches => new()
    {
        { "nothing", null, "empty" },
        { "NaN (JSON null)", [Begin([null, 1, 0.5])], "finite" },
        { "NaN", [Begin([double.NaN, 1, 0.5])], "finite" },
        { "Infinity", [Begin([1, double.PositiveInfinity, 0.5])], "finite" },
        { "out of bounds", [Begin([2_000_000, 1, 0.5])], "outside the board" },
        { "pressure", [Begin([1, 1, 7])], "pressure" },
        { "width 0", [Begin([1, 1, 0.5], width: 0)], "width" },
        { "width 1e9", [Begin([1, 1, 0.5], width: 1e9)], "width" },
        { "no width", [Begin([1, 1, 0.5], width: null)], "width" },
        { "css injection", [Begin([1, 1, 0.5], color: "red;background:url(x)")], "color" },
        { "100,000 points", [Begin(Enumerable.Repeat<double?>(1, 300_000).ToArray())], "at most" },
        { "not triples", [Begin([1, 1])], "triples" },
        { "no points", [Begin([])], "triples" },
        { "too many messages", Enumerable.Repeat<BoardMessage?>(new BoardMessage("end", "s1"), 1000).ToArray(), "at most" },
        { "unknown kind", [new BoardMessage("explode", "s1")], "kind" },
        { "bad element id", [new BoardMessage("end", "<img src=x>")], "element id" },
        { "missing message", [null], "missing" },
        { "extend from 0", [new BoardMessage("extend", "s1", From: 0, Points: [1, 1, 0.5])], "index" },
        { "text of 1 MB", [new BoardMessage("text", "t", Points: [1, 1], Color: "#000", Width: 4, Text: new string('x', 1_000_000))], "at most" },
        { "empty text", [new BoardMessage("text", "t", Points: [1, 1], Color: "#000", Width: 4, Text: "  ")], "empty" },
        { "control characters", [new BoardMessage("text", "t", Points: [1, 1], Color: "#000", Width: 4, Text: "a\u0007b")], "control" },
        { "shape with NaN corners", [new BoardMessage("shape", "r", Points: [double.NaN, 1, 2, 2], Color: "#000", Width: 4, Shape: "rect")], "finite" },
        { "shape with three numbers", [new BoardMessage("shape", "r", Points: [1, 1, 2], Color: "#000", Width: 4, Shape: "rect")], "corners" },
        { "unknown shape", [new BoardMessage("shape", "r", Points: [1, 1, 2, 2], Color: "#000", Width: 4, Shape: "star")], "shape" },
        { "edit without an id", [new BoardMessage("undo")], "operation id" },
        { "move of nothing", [new BoardMessage("move", Op: "m", Elements: [], Dx: 1, Dy: 1)], "1 to" },
        { "move by NaN", [new BoardMessage("move", Op: "m", Elements: ["a"], Dx: double.NaN, Dy: 1)], "finite" },
        { "erase with a bad id", [new BoardMessage("erase", Op: "e", Elements: ["a", "<b>"])], "valid id" },
        { "one bad among good", [Begin([1, 1, 0.5]), new BoardMessage("extend", "s1", From: 1, Points: [double.NaN, 1, 0.5])], "finite" },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public void Bad_input_is_refused_with_a_reason(string name, BoardMessage?[]? batch, string reasonMentions)
    {
        var result = MessageValidator.Parse(batch);
        Assert.False(result.IsValid, name);
        Assert.Contains(reasonMentions, result.Error, StringComparison.OrdinalIgnoreCase);
    }
}
