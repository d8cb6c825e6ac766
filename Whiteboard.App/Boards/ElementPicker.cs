using Whiteboard.App.Canvas;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Boards;

/// <summary>
/// Which elements a participant's pointer picks out on the board as they were shown it. Numbers from the
/// browser that no browser would send pick nothing.
/// </summary>
internal static class ElementPicker
{
    /// <summary>The topmost finished element under a click, as a selection.</summary>
    public static CanvasSelection? At(BoardMirror mirror, double x, double y, double radius) =>
        TryPoint(x, y, out var point) && mirror.ElementAt(point, Radius(radius)) is { } element
            ? Selection(mirror, [element.Id])
            : null;

    /// <summary>The finished elements wholly inside a marquee.</summary>
    public static CanvasSelection? Within(BoardMirror mirror, double minX, double minY, double maxX, double maxY) =>
        TryPoint(minX, minY, out var min) && TryPoint(maxX, maxY, out var max)
            ? Selection(mirror, mirror.Within(Bounds.Around(min.X, min.Y, max.X, max.Y)))
            : null;

    /// <summary>A selection again, after others changed the board: those still there, and their box now.</summary>
    public static CanvasSelection? Again(BoardMirror mirror, string?[]? ids) =>
        ElementId.OfSelection(ids) is { Count: > 0 } named ? Selection(mirror, named) : null;

    /// <summary>The finished elements an eraser's path (flat x, y pairs) passes over.</summary>
    public static IReadOnlyList<string> Touching(BoardMirror mirror, double[]? path, double radius)
    {
        if (path is null || path.Length % 2 != 0 || path.Length > 2 * BoardLimits.MaxPointsPerMessage)
        {
            return [];
        }

        var points = new List<BoardPoint>(path.Length / 2);
        for (var i = 0; i < path.Length; i += 2)
        {
            if (!TryPoint(path[i], path[i + 1], out var point))
            {
                return [];
            }

            points.Add(point);
        }

        return mirror.Touching(points, Radius(radius)).Select(id => id.Value).ToList();
    }

    /// <summary>The text or note under a double click, to edit: none when the topmost element there is neither.</summary>
    public static CanvasText? TextAt(BoardMirror mirror, double x, double y, double radius) =>
        TryPoint(x, y, out var point)
            ? mirror.ElementAt(point, Radius(radius)) switch
            {
                Text text => new CanvasText(text.Id.Value, "text", text.At.X, text.At.Y, text.Content, text.Style.Color, text.Style.Width),
                Note note => new CanvasText(note.Id.Value, "note", note.At.X, note.At.Y, note.Content, note.Paper, note.Size),
                _ => null,
            }
            : null;

    private static CanvasSelection? Selection(BoardMirror mirror, IReadOnlyList<ElementId> ids)
    {
        var (present, bounds) = mirror.Measure(ids.Distinct());
        return bounds is { } box ? new CanvasSelection(present.Select(id => id.Value).ToList(), box) : null;
    }

    private static bool TryPoint(double x, double y, out BoardPoint point)
    {
        point = new BoardPoint((float)x, (float)y);
        const double reach = 2 * (double)BoardLimits.CoordinateLimit;
        return double.IsFinite(x) && double.IsFinite(y) && Math.Abs(x) <= reach && Math.Abs(y) <= reach;
    }

    /// <summary>A pointer's reach in board units: a few pixels at any zoom, within reason.</summary>
    private static float Radius(double radius) => double.IsFinite(radius) ? (float)Math.Clamp(radius, 0, 1000) : 0;
}
