using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>Short ways to make strokes in tests.</summary>
public static class Ink
{
    public static readonly StrokeStyle Black = new("#000000", 4);

    public static ElementId Id(string text) =>
        ElementId.TryParse(text, out var id) ? id : throw new ArgumentException("not an element id", nameof(text));

    public static StrokePoint[] Points(params float[] xy) =>
        Enumerable.Range(0, xy.Length / 2).Select(i => new StrokePoint(xy[2 * i], xy[2 * i + 1], 0.5f)).ToArray();

    public static BeginStroke Begin(string id, params float[] xy) => new(Id(id), Black, Points(xy));

    public static ExtendStroke Extend(string id, int from, params float[] xy) => new(Id(id), from, Points(xy));

    public static FinishElement End(string id) => new(Id(id));

    public static OperationId Op(string text) =>
        OperationId.TryParse(text, out var id) ? id : throw new ArgumentException("not an operation id", nameof(text));

    public static DrawShape Rectangle(string id, float x1, float y1, float x2, float y2, bool finished = true) =>
        new(Id(id), ShapeKind.Rectangle, Black, new BoardPoint(x1, y1), new BoardPoint(x2, y2), finished);

    public static MoveElements Move(string op, float dx, float dy, params string[] ids) => new(Op(op), [.. ids.Select(Id)], dx, dy);

    public static EraseElements Erase(string op, params string[] ids) => new(Op(op), [.. ids.Select(Id)]);

    /// <summary>The id of the element a stroke's change is about.</summary>
    public static string IdOf(BoardChange change) => change switch
    {
        StrokeStarted started => started.Stroke.Id.Value,
        StrokeExtended extended => extended.Stroke.Id.Value,
        ElementFinished finished => finished.Element.Id.Value,
        _ => throw new ArgumentException($"{change.GetType().Name} is not about one element.", nameof(change)),
    };
}
