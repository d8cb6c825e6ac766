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
