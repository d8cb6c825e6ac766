using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Operations;

namespace Whiteboard.Shared.Protocol;

/// <summary>
/// One stroke's progress in one frame, as a client sends it (JSON). Untrusted: every field may be
/// missing or absurd; <see cref="Validation.InkValidator"/> turns it into operations or a reason.
/// </summary>
/// <param name="Kind">"begin", "extend" or "end".</param>
/// <param name="Stroke">The stroke's client-made id.</param>
/// <param name="From">For "extend": the index of the first point sent.</param>
/// <param name="Points">Flat x, y, pressure triples; a null stands for a value JSON cannot carry (NaN, Infinity).</param>
/// <param name="Color">For "begin": a CSS color.</param>
/// <param name="Width">For "begin": the width in board units.</param>
public sealed record InkMessage(
    string? Kind,
    string? Stroke,
    int From = 0,
    double?[]? Points = null,
    string? Color = null,
    double? Width = null)
{
    /// <summary>The message that stands for an operation: how operations are written down, and read back through the validator.</summary>
    public static InkMessage Of(BoardOperation operation) => operation switch
    {
        BeginStroke begin => new("begin", begin.Element.Value, 0, Flatten(begin.Points), begin.Style.Color, begin.Style.Width),
        ExtendStroke extend => new("extend", extend.Element.Value, extend.FromIndex, Flatten(extend.Points)),
        EndStroke end => new("end", end.Element.Value),
        _ => throw new ArgumentException($"No message stands for {operation.GetType().Name}.", nameof(operation)),
    };

    private static double?[] Flatten(IReadOnlyList<StrokePoint> points) =>
        points.SelectMany(p => new double?[] { p.X, p.Y, p.Pressure }).ToArray();
}
