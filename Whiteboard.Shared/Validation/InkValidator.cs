using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;

namespace Whiteboard.Shared.Validation;

/// <summary>
/// Turns a client's ink messages into operations, or says why not. A batch is all or nothing:
/// one bad message rejects the batch, so a rejected batch changes nothing.
/// </summary>
public static class InkValidator
{
    public static Validated<IReadOnlyList<BoardOperation>> Parse(IReadOnlyList<InkMessage?>? messages)
    {
        if (messages is null || messages.Count == 0)
        {
            return Reject("The batch is empty.");
        }

        if (messages.Count > BoardLimits.MaxMessagesPerBatch)
        {
            return Reject($"A batch may hold at most {BoardLimits.MaxMessagesPerBatch} messages; it held {messages.Count}.");
        }

        var operations = new List<BoardOperation>(messages.Count);
        foreach (var message in messages)
        {
            var operation = ParseOne(message);
            if (!operation.IsValid)
            {
                return Reject(operation.Error!);
            }

            operations.Add(operation.Value!);
        }

        return Validated<IReadOnlyList<BoardOperation>>.Ok(operations);
    }

    private static Validated<BoardOperation> ParseOne(InkMessage? message)
    {
        if (message is null)
        {
            return Invalid("A message is missing.");
        }

        if (!ElementId.TryParse(message.Stroke, out var id))
        {
            return Invalid($"A stroke id must be 1 to {BoardLimits.MaxElementIdLength} letters, digits, '-' or '_'.");
        }

        switch (message.Kind)
        {
            case "begin":
                var style = ParseStyle(message.Color, message.Width);
                if (!style.IsValid)
                {
                    return Invalid(style.Error!);
                }

                var firstPoints = ParsePoints(message.Points);
                return firstPoints.IsValid
                    ? Validated<BoardOperation>.Ok(new BeginStroke(id, style.Value!, firstPoints.Value!))
                    : Invalid(firstPoints.Error!);
            case "extend":
                if (message.From < 1 || message.From >= BoardLimits.MaxPointsPerStroke)
                {
                    return Invalid($"An extension must start at a point index from 1 to {BoardLimits.MaxPointsPerStroke - 1}.");
                }

                var points = ParsePoints(message.Points);
                return points.IsValid
                    ? Validated<BoardOperation>.Ok(new ExtendStroke(id, message.From, points.Value!))
                    : Invalid(points.Error!);
            case "end":
                return Validated<BoardOperation>.Ok(new EndStroke(id));
            default:
                return Invalid("A message's kind must be \"begin\", \"extend\" or \"end\".");
        }
    }

    private static Validated<StrokeStyle> ParseStyle(string? color, double? width)
    {
        if (!CssColor.TryNormalize(color, out var hex))
        {
            return Validated<StrokeStyle>.Reject("The color is not a plain CSS color (#rgb, #rrggbb, #rrggbbaa, rgb() or rgba()).");
        }

        if (width is not { } w || !double.IsFinite(w) || w < BoardLimits.MinStrokeWidth || w > BoardLimits.MaxStrokeWidth)
        {
            return Validated<StrokeStyle>.Reject(
                $"The width must be a number from {BoardLimits.MinStrokeWidth} to {BoardLimits.MaxStrokeWidth}.");
        }

        return Validated<StrokeStyle>.Ok(new StrokeStyle(hex, (float)w));
    }

    private static Validated<IReadOnlyList<StrokePoint>> ParsePoints(double?[]? values)
    {
        if (values is null || values.Length % 3 != 0 || values.Length == 0)
        {
            return Validated<IReadOnlyList<StrokePoint>>.Reject("Points must be a non-empty list of x, y, pressure triples.");
        }

        var count = values.Length / 3;
        if (count > BoardLimits.MaxPointsPerMessage)
        {
            return Validated<IReadOnlyList<StrokePoint>>.Reject(
                $"A message may carry at most {BoardLimits.MaxPointsPerMessage} points; it carried {count}.");
        }

        var points = new StrokePoint[count];
        for (var i = 0; i < count; i++)
        {
            var x = values[3 * i];
            var y = values[3 * i + 1];
            var pressure = values[3 * i + 2];
            if (x is not { } px || y is not { } py || pressure is not { } pp
                || !double.IsFinite(px) || !double.IsFinite(py) || !double.IsFinite(pp))
            {
                return Validated<IReadOnlyList<StrokePoint>>.Reject($"Point {i} is not made of finite numbers.");
            }

            if (Math.Abs(px) > BoardLimits.CoordinateLimit || Math.Abs(py) > BoardLimits.CoordinateLimit)
            {
                return Validated<IReadOnlyList<StrokePoint>>.Reject(
                    $"Point {i} lies outside the board (coordinates are limited to ±{BoardLimits.CoordinateLimit:0}).");
            }

            if (pp is < 0 or > 1)
            {
                return Validated<IReadOnlyList<StrokePoint>>.Reject($"Point {i} has a pressure outside 0..1.");
            }

            points[i] = new StrokePoint((float)px, (float)py, (float)pp);
        }

        return Validated<IReadOnlyList<StrokePoint>>.Ok(points);
    }

    private static Validated<BoardOperation> Invalid(string reason) => Validated<BoardOperation>.Reject(reason);

    private static Validated<IReadOnlyList<BoardOperation>> Reject(string reason) =>
        Validated<IReadOnlyList<BoardOperation>>.Reject(reason);
}
