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
}
