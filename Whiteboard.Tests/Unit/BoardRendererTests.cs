using System.Globalization;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Rendering;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Unit;

public sealed class BoardRendererTests
{
    private static Stroke StrokeOf(params StrokePoint[] points) =>
        new(Ink.Id("s"), ParticipantId.New(), new StrokeStyle("#1971c2", 4), points, Finished: false);

    [Fact]
    public void A_mouse_stroke_is_one_path_in_the_chosen_color_and_width()
    {
        var canvas = new RecordingCanvas();
        BoardRenderer.Draw(StrokeOf(Ink.Points(0, 0, 10, 5, 20, 0)), canvas);

        Assert.Equal(
            ["stroke-style #1971c2 4", "begin-path", "move-to 0 0", "line-to 10 5", "line-to 20 0", "stroke"],
            canvas.Commands);
    }

    [Fact]
    public void A_single_point_is_a_dot()
    {
        var canvas = new RecordingCanvas();
        BoardRenderer.Draw(StrokeOf(Ink.Points(3, 4)), canvas);
        Assert.Equal(["stroke-style #1971c2 4", "begin-path", "move-to 3 4", "line-to 3 4", "stroke"], canvas.Commands);
    }

    [Fact]
    public void Drawing_the_new_part_joins_it_to_the_point_before()
    {
        var canvas = new RecordingCanvas();
        BoardRenderer.DrawStroke(StrokeOf(Ink.Points(0, 0, 10, 0, 20, 0, 30, 0)), fromPoint: 2, canvas);
        Assert.Equal(["stroke-style #1971c2 4", "begin-path", "move-to 10 0", "line-to 20 0", "line-to 30 0", "stroke"], canvas.Commands);
    }

    [Fact]
    public void Pen_pressure_changes_the_width()
    {
        var canvas = new RecordingCanvas();
        BoardRenderer.Draw(StrokeOf(new StrokePoint(0, 0, 1), new StrokePoint(10, 0, 1), new StrokePoint(20, 0, 0), new StrokePoint(30, 0, 0)), canvas);

        Assert.Equal(
            [
                "stroke-style #1971c2 7", "begin-path", "move-to 0 0", "line-to 10 0", "stroke",
                "stroke-style #1971c2 4", "begin-path", "move-to 10 0", "line-to 20 0", "stroke",
                "stroke-style #1971c2 1", "begin-path", "move-to 20 0", "line-to 30 0", "stroke",
            ],
            canvas.Commands);
    }

    [Fact]
    public void A_rectangle_is_one_closed_outline_and_an_arrow_has_a_head()
    {
        var canvas = new RecordingCanvas();
        BoardRenderer.Draw(new Shape(Ink.Id("r"), ParticipantId.New(), ShapeKind.Rectangle, Ink.Black, new BoardPoint(10, 20), new BoardPoint(50, 60), true), canvas);
        Assert.Equal(
            ["stroke-style #000000 4", "begin-path", "move-to 10 20", "line-to 50 20", "line-to 50 60", "line-to 10 60", "close-path", "stroke"],
            canvas.Commands);

        var arrow = new RecordingCanvas();
        BoardRenderer.Draw(new Shape(Ink.Id("a"), ParticipantId.New(), ShapeKind.Arrow, Ink.Black, new BoardPoint(0, 0), new BoardPoint(100, 0), true), arrow);
        // The shaft, then the head: two barbs 12 long (three times the width), 30° off the shaft, meeting at the tip.
        Assert.Equal(["begin-path", "move-to 0 0", "line-to 100 0"], arrow.Commands[1..4]);
        Assert.Equal(("move-to", 89.61, 6), At(arrow.Commands[4]));
        Assert.Equal("line-to 100 0", arrow.Commands[5]);
        Assert.Equal(("line-to", 89.61, -6), At(arrow.Commands[6]));
    }

    private static (string Command, double X, double Y) At(string command)
    {
        var parts = command.Split(' ');
        return (parts[0], Math.Round(double.Parse(parts[1], CultureInfo.InvariantCulture), 2), Math.Round(double.Parse(parts[2], CultureInfo.InvariantCulture), 2));
    }

    [Fact]
    public void Text_is_written_line_by_line_at_the_size_its_width_sets()
    {
        var canvas = new RecordingCanvas();
        BoardRenderer.Draw(new Text(Ink.Id("t"), ParticipantId.New(), new StrokeStyle("#e03131", 4), new BoardPoint(10, 20), "one\n\nthree"), canvas);

        Assert.Equal(["fill-text \"one\" 10 20 16 #e03131", "fill-text \"three\" 10 60 16 #e03131"], canvas.Commands);
    }
}
