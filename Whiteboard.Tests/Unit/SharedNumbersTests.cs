using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Whiteboard.App.Boards;
using Whiteboard.App.Canvas;
using Whiteboard.App.Components.Board;
using Whiteboard.Bench.Hosting;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Rendering;
using Whiteboard.Shared.Validation;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// The browser's script keeps every number it shares with C# in wwwroot/board/shared-numbers.js: each one
/// equals its C# twin here, and the file holds no number this test does not check.
/// </summary>
public sealed partial class SharedNumbersTests
{
    private static readonly IReadOnlyDictionary<string, JsonNode> Shared = Read();

    [Fact]
    public void Every_shared_number_is_checked_here()
    {
        string[] checkedHere =
        [
            "maxPointsPerMessage", "maxMessagesPerBatch", "maxPointsPerStroke", "maxCopyLength", "canvasOps", "entryLetters",
            "pressureWidth", "textSize", "lineSpacing", "fontFamily", "viewScale", "pointerInterval", "arrowHead",
            "toolShortcuts", "defaultInk", "note", "notePapers", "lineDash",
        ];
        Assert.Equal(checkedHere.Order(), Shared.Keys.Order());
    }

    [Fact]
    public void The_limits_are_the_servers()
    {
        Assert.Equal(BoardLimits.MaxPointsPerMessage, Number("maxPointsPerMessage"));
        Assert.Equal(BoardLimits.MaxMessagesPerBatch, Number("maxMessagesPerBatch"));
        Assert.Equal(BoardLimits.MaxPointsPerStroke, Number("maxPointsPerStroke"));
        Assert.Equal(BoardLimits.MaxCopyLength, Number("maxCopyLength"));
    }

    [Fact]
    public void Each_canvas_command_has_the_number_the_batch_writes_for_it()
    {
        var commands = new Dictionary<string, Action<DisplayListWriter>>
        {
            ["setStroke"] = writer => writer.SetStroke("#000000", 1),
            ["beginPath"] = writer => writer.BeginPath(),
            ["moveTo"] = writer => writer.MoveTo(1, 2),
            ["lineTo"] = writer => writer.LineTo(1, 2),
            ["stroke"] = writer => writer.Stroke(),
            ["closePath"] = writer => writer.ClosePath(),
            ["ellipse"] = writer => writer.Ellipse(1, 2, 3, 4),
            ["fillText"] = writer => writer.FillText("a", 1, 2, 12, "#000000"),
            ["fill"] = writer => writer.Fill("#000000"),
            ["setAlpha"] = writer => writer.SetAlpha(0.5f),
            ["setLineDash"] = writer => writer.SetLineDash(3, 3),
            ["drawImage"] = writer => writer.DrawImage(new string('a', 64), 1, 2, 3, 4),
        };
        var ops = Shared["canvasOps"].AsObject();

        Assert.Equal(commands.Keys.Order(), ops.Select(op => op.Key).Order());
        foreach (var (name, write) in commands)
        {
            var writer = new DisplayListWriter();
            write(writer);
            Assert.True(BitConverter.ToSingle(writer.Bytes()) == ops[name]!.GetValue<float>(), $"canvasOps.{name}");
        }
    }

    [Fact]
    public void Each_entry_has_the_letter_the_layout_writes_for_it()
    {
        var letters = Shared["entryLetters"].AsObject().ToDictionary(entry => entry.Key, entry => entry.Value!.GetValue<string>());
        Assert.Equal(CanvasLayout.Letters.ToDictionary(entry => entry.Key, entry => entry.Value.ToString()), letters);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.5f)]
    [InlineData(1f)]
    public void A_strokes_width_at_a_pressure_follows_the_renderers_rule(float pressure)
    {
        var (rule, step) = (Shared["pressureWidth"], Number("pressureWidth", "step"));
        foreach (var width in Enumerable.Range(1, 40).Select(width => (float)width).Append(BoardLimits.MinStrokeWidth))
        {
            var drawn = Math.Max(step, Math.Round(width * (Number(rule, "base") + Number(rule, "perPressure") * pressure) / step) * step);
            Assert.Equal(BoardRenderer.WidthAt(width, pressure), drawn, 5);
        }
    }

    [Fact]
    public void Text_is_as_large_as_the_layout_says()
    {
        foreach (var width in new[] { BoardLimits.MinStrokeWidth, 1f, 3f, 4f, 10f, 40f, BoardLimits.MaxStrokeWidth })
        {
            Assert.Equal(TextLayout.FontSize(width), Math.Max(Number("textSize", "min"), width * Number("textSize", "perWidth")), 5);
        }
    }

    [Fact]
    public void Text_is_typed_in_the_font_and_line_spacing_it_is_drawn_and_exported_in()
    {
        Assert.Equal(TextLayout.FontFamily, Shared["fontFamily"].GetValue<string>());
        Assert.Equal(TextLayout.LineSpacing, Number("lineSpacing"), 5);
    }

    [Fact]
    public void The_server_takes_a_pointer_at_every_zoom_the_page_allows()
    {
        var (least, most) = (Number("viewScale", "min"), Number("viewScale", "max"));

        Assert.Equal(Pointer.MinScale, least);
        Assert.Equal(Pointer.MaxScale, most);
        Assert.NotNull(Pointer.TryCreate(0, 0, true, 0, 0, least));
        Assert.NotNull(Pointer.TryCreate(0, 0, true, 0, 0, most));
        Assert.Null(Pointer.TryCreate(0, 0, true, 0, 0, least * 0.99));
        Assert.Null(Pointer.TryCreate(0, 0, true, 0, 0, most * 1.01));
    }

    [Fact]
    public void A_page_moving_its_pointer_for_a_minute_is_never_held_back_by_the_server()
    {
        var clock = new ManualClock();
        var throttle = new TokenBucket(clock, BoardLimits.PointerMovesPerSecond, BoardLimits.PointerMoveBurst);
        var interval = TimeSpan.FromMilliseconds(Number("pointerInterval"));
        for (var update = 0; update < TimeSpan.FromMinutes(1) / interval; update++)
        {
            Assert.True(throttle.TryTake(1), $"the pointer update at {update * interval.TotalMilliseconds} ms was dropped");
            clock.Advance(interval);
        }
    }

    [Fact]
    public void An_arrows_barbs_are_where_the_renderer_draws_them()
    {
        var (tail, tip) = (new BoardPoint(10, 20), new BoardPoint(110, 70));
        foreach (var width in new[] { 1f, 4f, 10f, 40f })
        {
            var length = Math.Max(Number("arrowHead", "minLength"), width * Number("arrowHead", "perWidth"));
            var spread = Number("arrowHead", "spreadDegrees") * Math.PI / 180;
            var angle = Math.Atan2(tip.Y - tail.Y, tip.X - tail.X);
            var (left, right) = ArrowHead.Barbs(tail, tip, width);

            Assert.Equal(ArrowHead.Length(width), length, 5);
            Assert.Equal(tip.X + length * Math.Cos(angle + Math.PI - spread), left.X, 3);
            Assert.Equal(tip.Y + length * Math.Sin(angle + Math.PI - spread), left.Y, 3);
            Assert.Equal(tip.X + length * Math.Cos(angle + Math.PI + spread), right.X, 3);
            Assert.Equal(tip.Y + length * Math.Sin(angle + Math.PI + spread), right.Y, 3);
        }
    }

    [Fact]
    public void Each_tool_has_the_shortcut_its_tooltip_names()
    {
        var shortcuts = Shared["toolShortcuts"].AsObject().ToDictionary(entry => entry.Key, entry => entry.Value!.GetValue<string>());
        Assert.Equal(BoardTools.All.ToDictionary(tool => tool.Shortcut.ToString(), tool => tool.Name), shortcuts);
    }

    [Fact]
    public void The_default_ink_is_the_palettes_first_color() =>
        Assert.Equal(BoardToolbar.Palette[0], Shared["defaultInk"].GetValue<string>());

    [Fact]
    public void A_note_is_placed_typed_and_coloured_as_the_layout_draws_it()
    {
        Assert.Equal(NoteLayout.DefaultSize, Number("note", "defaultSize"), 5);
        Assert.Equal(NoteLayout.PaddingPerSize, Number("note", "paddingPerSize"), 5);
        Assert.Equal(NoteLayout.FontPerSize, Number("note", "fontPerSize"), 5);
        Assert.Equal(NoteLayout.Ink, Shared["note"]["ink"]!.GetValue<string>());
        Assert.InRange(NoteLayout.DefaultSize, BoardLimits.MinNoteSize, BoardLimits.MaxNoteSize);
        var papers = Shared["notePapers"].AsObject().ToDictionary(entry => entry.Key, entry => entry.Value!.GetValue<string>());
        Assert.Equal(NoteLayout.PaperForInk, papers);
    }

    [Theory]
    [InlineData("dashed", LineStyle.Dashed)]
    [InlineData("dotted", LineStyle.Dotted)]
    public void The_wet_ink_dashes_a_line_as_the_renderer_does(string name, LineStyle line)
    {
        var pattern = Shared["lineDash"][name]!.AsArray().Select(number => number!.GetValue<float>()).ToArray();
        foreach (var width in new[] { BoardLimits.MinStrokeWidth, 1f, 4f, 40f })
        {
            Assert.Equal(LineDashes.Of(line, width), (pattern[0] * width, pattern[1] * width));
        }

        Assert.Equal(Shared["lineDash"].AsObject().Select(entry => entry.Key).Order(),
            LineStyles.Names.Where(entry => entry.Value != LineStyle.Solid).Select(entry => entry.Key).Order());
    }

    private static double Number(string name) => Shared[name].GetValue<double>();

    private static double Number(string name, string member) => Number(Shared[name], member);

    private static double Number(JsonNode rule, string member) => rule[member]!.GetValue<double>();

    /// <summary>
    /// The file's exports, each a number, a string or an object of them on one line, read as JSON (keys quoted,
    /// single-quoted strings double-quoted). A line that exports anything else fails the test: nothing there
    /// escapes the check.
    /// </summary>
    private static Dictionary<string, JsonNode> Read()
    {
        var file = Path.Combine(AppProcess.AppContentRoot(), "wwwroot", "board", "shared-numbers.js");
        var exports = new Dictionary<string, JsonNode>();
        foreach (var line in File.ReadLines(file).Where(line => line.StartsWith("export", StringComparison.Ordinal)))
        {
            var match = ExportLine().Match(line);
            Assert.True(match.Success, $"not one exported constant: {line}");
            var json = ScriptToken().Replace(match.Groups["value"].Value, token =>
                token.Groups["key"].Success ? $"\"{token.Groups["key"].Value}\":"
                : token.Groups["single"].Success ? JsonSerializer.Serialize(token.Groups["single"].Value)
                : token.Value);
            exports.Add(match.Groups["name"].Value, JsonNode.Parse(json)!);
        }

        return exports;
    }

    [GeneratedRegex(@"^export const (?<name>\w+) = (?<value>.+);$")]
    private static partial Regex ExportLine();

    /// <summary>A string literal (whose insides are left alone) or an object's key.</summary>
    [GeneratedRegex(@"'(?<single>[^'\\]*)'|""(?:[^""\\]|\\.)*""|(?<=[{,]\s*)(?<key>\w+):")]
    private static partial Regex ScriptToken();
}
