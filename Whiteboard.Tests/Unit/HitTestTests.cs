using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

/// <summary>What the eraser and the select tool find under the pointer.</summary>
public sealed class HitTestTests
{
    private static readonly ParticipantId Someone = ParticipantId.New();

    private static Stroke Line(string id, params float[] xy) => new(Id(id), Someone, Black, Points(xy), true);

    private static Shape Box(string id, float x1, float y1, float x2, float y2, ShapeKind kind = ShapeKind.Rectangle) =>
        new(Id(id), Someone, kind, Black, new BoardPoint(x1, y1), new BoardPoint(x2, y2), true);

    private static BoardMirror MirrorOf(params BoardElement[] elements)
    {
        var mirror = new BoardMirror();
        mirror.Show(new BoardSnapshot(1, elements, []));
        return mirror;
    }

    [Fact]
    public void An_eraser_path_crossing_a_stroke_between_samples_touches_it()
    {
        var stroke = Line("s", 0, 50, 100, 50);

        // The eraser jumped from above the line to below it in one pointer event.
        Assert.True(HitTest.Touches(stroke, [new BoardPoint(50, 0), new BoardPoint(50, 100)], radius: 1));
        Assert.False(HitTest.Touches(stroke, [new BoardPoint(150, 0), new BoardPoint(150, 100)], radius: 1));
        // The line's own width counts: 4 wide reaches 2 from its middle.
        Assert.True(HitTest.Touches(stroke, [new BoardPoint(50, 53), new BoardPoint(50, 53)], radius: 1.5f));
        Assert.False(HitTest.Touches(stroke, [new BoardPoint(50, 56), new BoardPoint(50, 56)], radius: 1.5f));
    }

    [Fact]
    public void Rectangles_and_ellipses_are_hollow_to_the_eraser_but_solid_to_a_click()
    {
        var rect = Box("r", 0, 0, 100, 100);
        var ellipse = Box("e", 200, 0, 300, 100, ShapeKind.Ellipse);

        Assert.False(HitTest.Touches(rect, [new BoardPoint(50, 50), new BoardPoint(50, 50)], 2));
        Assert.True(HitTest.Touches(rect, [new BoardPoint(99, 50), new BoardPoint(99, 50)], 2));
        Assert.True(HitTest.IsUnder(rect, new BoardPoint(50, 50), 2));
        Assert.True(HitTest.IsUnder(ellipse, new BoardPoint(250, 50), 2));
        Assert.False(HitTest.IsUnder(ellipse, new BoardPoint(205, 5), 2));
        Assert.True(HitTest.Touches(ellipse, [new BoardPoint(300, 50), new BoardPoint(300, 50)], 2));
    }

    [Fact]
    public void A_click_selects_the_topmost_element_and_a_marquee_selects_what_lies_wholly_inside()
    {
        var mirror = MirrorOf(Box("below", 0, 0, 100, 100), Box("above", 50, 50, 150, 150), Line("far", 500, 500, 600, 600));

        Assert.Equal("above", mirror.ElementAt(new BoardPoint(75, 75), 2)?.Id.Value);
        Assert.Equal("below", mirror.ElementAt(new BoardPoint(25, 25), 2)?.Id.Value);
        Assert.Null(mirror.ElementAt(new BoardPoint(400, 400), 2));

        Assert.Equal(["below"], mirror.Within(new Bounds(-10, -10, 110, 110)).Select(id => id.Value));
        Assert.Equal(["below", "above"], mirror.Within(new Bounds(-10, -10, 160, 160)).Select(id => id.Value));
        Assert.Equal(["far"], mirror.Touching([new BoardPoint(500, 600), new BoardPoint(600, 500)], 1).Select(id => id.Value));
    }

    [Fact]
    public void The_mirror_follows_moves_and_erasures_and_ignores_what_is_still_being_drawn()
    {
        var mirror = MirrorOf(Box("r", 0, 0, 10, 10));
        mirror.Show(new ElementsDrawn([Box("r", 100, 100, 110, 110)]));
        mirror.Show(new StrokeStarted(new Stroke(Id("open"), Someone, Black, Points(0, 0, 10, 10), false)));

        Assert.Null(mirror.ElementAt(new BoardPoint(5, 5), 1));
        Assert.Equal("r", mirror.ElementAt(new BoardPoint(105, 105), 1)?.Id.Value);
        Assert.Empty(mirror.Touching([new BoardPoint(0, 10), new BoardPoint(10, 0)], 1));

        mirror.Show(new ElementsErased([Id("r")]));
        var (present, bounds) = mirror.Measure([Id("r")]);
        Assert.Empty(present);
        Assert.Null(bounds);
    }
}
