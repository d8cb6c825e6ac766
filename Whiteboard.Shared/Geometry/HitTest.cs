using Whiteboard.Shared.Elements;

namespace Whiteboard.Shared.Geometry;

/// <summary>What an element covers: its bounds, and whether a pointer's path touches its ink.</summary>
public static class HitTest
{
    /// <summary>Segments an ellipse's outline is approximated by when testing what touches it.</summary>
    private const int EllipseSegments = 48;

    public static Bounds BoundsOf(BoardElement element) => element switch
    {
        Stroke stroke => StrokeBounds(stroke),
        Shape shape => Bounds.Around(shape.From.X, shape.From.Y, shape.To.X, shape.To.Y)
            .Inflate(shape.Style.Width / 2 + (shape.Kind == ShapeKind.Arrow ? ArrowHead.Length(shape.Style.Width) : 0)),
        Text text => TextLayout.BoundsOf(text),
        Note note => NoteLayout.BoundsOf(note),
        Image image => Bounds.Around(image.From.X, image.From.Y, image.To.X, image.To.Y),
        _ => throw new ArgumentException($"No bounds for {element.GetType().Name}.", nameof(element)),
    };

    /// <summary>
    /// Whether a pointer's path (an eraser's; a click is a path of one point) passes within
    /// <paramref name="radius"/> of the element's ink, between its points as well as at them.
    /// Rectangles and ellipses are hollow, only their outline counts, unless they are filled.
    /// </summary>
    public static bool Touches(BoardElement element, IReadOnlyList<BoardPoint> path, float radius)
    {
        // The element's box, measured once for the whole path: most segments are rejected by it alone.
        var reach = BoundsOf(element).Inflate(radius);
        for (var i = 0; i < path.Count; i++)
        {
            var (from, to) = (path[Math.Max(i - 1, 0)], path[i]);
            if (!reach.Intersects(Bounds.Around(from.X, from.Y, to.X, to.Y)))
            {
                continue;
            }

            var touched = element switch
            {
                Stroke stroke => StrokeTouches(stroke, from, to, radius),
                Shape shape => Outline(shape).Any(edge => SegmentDistance(edge.A, edge.B, from, to) <= radius + shape.Style.Width / 2)
                    || (shape.Style.Fill is not null && (Inside(shape, from) || Inside(shape, to))),
                Text or Note or Image => true,
                _ => false,
            };
            if (touched)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a click lands on the element: on its ink, or inside a rectangle, ellipse, text or note.</summary>
    public static bool IsUnder(BoardElement element, BoardPoint point, float radius) =>
        Touches(element, [point], radius) || (element is Shape shape && Inside(shape, point));

    /// <summary>Whether a point is inside a rectangle or an ellipse (never inside a line or an arrow).</summary>
    private static bool Inside(Shape shape, BoardPoint point) => shape.Kind switch
    {
        ShapeKind.Rectangle => Bounds.Around(shape.From.X, shape.From.Y, shape.To.X, shape.To.Y).Contains(point.X, point.Y),
        ShapeKind.Ellipse => InsideEllipse(shape, point),
        _ => false,
    };

    private static Bounds StrokeBounds(Stroke stroke)
    {
        var points = stroke.Points.Span;
        if (points.Length == 0)
        {
            return default;
        }

        float minX = points[0].X, minY = points[0].Y, maxX = minX, maxY = minY;
        foreach (var p in points)
        {
            minX = MathF.Min(minX, p.X);
            minY = MathF.Min(minY, p.Y);
            maxX = MathF.Max(maxX, p.X);
            maxY = MathF.Max(maxY, p.Y);
        }

        // The widest a pen can make it: pressure 1 draws 1.75 times the width.
        return new Bounds(minX, minY, maxX, maxY).Inflate(stroke.Style.Width * 0.875f);
    }

    private static bool StrokeTouches(Stroke stroke, BoardPoint from, BoardPoint to, float radius)
    {
        var points = stroke.Points.Span;
        var reach = radius + stroke.Style.Width / 2;
        if (points.Length == 1)
        {
            return SegmentDistance(new(points[0].X, points[0].Y), new(points[0].X, points[0].Y), from, to) <= reach;
        }

        for (var i = 1; i < points.Length; i++)
        {
            if (SegmentDistance(new(points[i - 1].X, points[i - 1].Y), new(points[i].X, points[i].Y), from, to) <= reach)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<(BoardPoint A, BoardPoint B)> Outline(Shape shape)
    {
        var (a, b) = (shape.From, shape.To);
        switch (shape.Kind)
        {
            case ShapeKind.Line:
                yield return (a, b);
                break;
            case ShapeKind.Arrow:
                yield return (a, b);
                var (left, right) = ArrowHead.Barbs(a, b, shape.Style.Width);
                yield return (b, left);
                yield return (b, right);
                break;
            case ShapeKind.Rectangle:
                BoardPoint topRight = new(b.X, a.Y), bottomLeft = new(a.X, b.Y);
                yield return (a, topRight);
                yield return (topRight, b);
                yield return (b, bottomLeft);
                yield return (bottomLeft, a);
                break;
            case ShapeKind.Ellipse:
                var (cx, cy, rx, ry) = ((a.X + b.X) / 2, (a.Y + b.Y) / 2, MathF.Abs(b.X - a.X) / 2, MathF.Abs(b.Y - a.Y) / 2);
                var previous = new BoardPoint(cx + rx, cy);
                for (var i = 1; i <= EllipseSegments; i++)
                {
                    var angle = 2 * MathF.PI * i / EllipseSegments;
                    var next = new BoardPoint(cx + rx * MathF.Cos(angle), cy + ry * MathF.Sin(angle));
                    yield return (previous, next);
                    previous = next;
                }

                break;
        }
    }

    private static bool InsideEllipse(Shape shape, BoardPoint point)
    {
        var (rx, ry) = (MathF.Abs(shape.To.X - shape.From.X) / 2, MathF.Abs(shape.To.Y - shape.From.Y) / 2);
        if (rx == 0 || ry == 0)
        {
            return false;
        }

        var dx = (point.X - (shape.From.X + shape.To.X) / 2) / rx;
        var dy = (point.Y - (shape.From.Y + shape.To.Y) / 2) / ry;
        return dx * dx + dy * dy <= 1;
    }

    /// <summary>The shortest distance between segments p1-p2 and q1-q2: zero when they cross.</summary>
    public static float SegmentDistance(BoardPoint p1, BoardPoint p2, BoardPoint q1, BoardPoint q2)
    {
        if (Cross(p1, p2, q1, q2))
        {
            return 0;
        }

        return MathF.Min(
            MathF.Min(PointDistance(q1, p1, p2), PointDistance(q2, p1, p2)),
            MathF.Min(PointDistance(p1, q1, q2), PointDistance(p2, q1, q2)));
    }

    private static float PointDistance(BoardPoint p, BoardPoint a, BoardPoint b)
    {
        var (abx, aby) = (b.X - a.X, b.Y - a.Y);
        var lengthSquared = abx * abx + aby * aby;
        var t = lengthSquared == 0 ? 0 : Math.Clamp(((p.X - a.X) * abx + (p.Y - a.Y) * aby) / lengthSquared, 0, 1);
        var (x, y) = (a.X + t * abx - p.X, a.Y + t * aby - p.Y);
        return MathF.Sqrt(x * x + y * y);
    }

    private static bool Cross(BoardPoint p1, BoardPoint p2, BoardPoint q1, BoardPoint q2)
    {
        static float Side(BoardPoint a, BoardPoint b, BoardPoint c) => (b.X - a.X) * (c.Y - a.Y) - (b.Y - a.Y) * (c.X - a.X);
        var (d1, d2) = (Side(q1, q2, p1), Side(q1, q2, p2));
        var (d3, d4) = (Side(p1, p2, q1), Side(p1, p2, q2));
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
    }
}
