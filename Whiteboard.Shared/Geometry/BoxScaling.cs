using Whiteboard.Shared.Elements;

namespace Whiteboard.Shared.Geometry;

/// <summary>How a point in one box lands in another when the box is resized: each axis stretched on its own.</summary>
public static class BoxScaling
{
    public static BoardPoint Map(BoardPoint point, Bounds from, Bounds to) =>
        new(MapX(point.X, from, to), MapY(point.Y, from, to));

    public static float MapX(float x, Bounds from, Bounds to) => to.MinX + (x - from.MinX) * (to.Width / from.Width);

    public static float MapY(float y, Bounds from, Bounds to) => to.MinY + (y - from.MinY) * (to.Height / from.Height);

    /// <summary>One factor for what scales alike in both directions (a text's size): the geometric mean of the two.</summary>
    public static float Uniform(Bounds from, Bounds to) => MathF.Sqrt(to.Width / from.Width * (to.Height / from.Height));
}
