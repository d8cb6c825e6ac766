using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;

namespace Whiteboard.Shared.Validation;

/// <summary>
/// Turns a client's messages into operations, or says why not. A batch is all or nothing: one bad
/// message rejects the batch, so a rejected batch changes nothing.
/// </summary>
public static partial class MessageValidator
{
    public static Validated<IReadOnlyList<BoardOperation>> Parse(IReadOnlyList<BoardMessage?>? messages)
    {
        if (messages is null || messages.Count == 0)
        {
            return Validated<IReadOnlyList<BoardOperation>>.Reject("The batch is empty.");
        }

        if (messages.Count > BoardLimits.MaxMessagesPerBatch)
        {
            return Validated<IReadOnlyList<BoardOperation>>.Reject(
                $"A batch may hold at most {BoardLimits.MaxMessagesPerBatch} messages; it held {messages.Count}.");
        }

        var operations = new List<BoardOperation>(messages.Count);
        foreach (var message in messages)
        {
            var operation = ParseOne(message);
            if (!operation.IsValid)
            {
                return Validated<IReadOnlyList<BoardOperation>>.Reject(operation.Error!);
            }

            operations.Add(operation.Value!);
        }

        return RefuseRestores(operations) is { } refused
            ? Validated<IReadOnlyList<BoardOperation>>.Reject(refused)
            : Validated<IReadOnlyList<BoardOperation>>.Ok(operations);
    }

    private static Validated<BoardOperation> ParseOne(BoardMessage? message)
    {
        if (message is null)
        {
            return Invalid("A message is missing.");
        }

        return message.Kind switch
        {
            "begin" or "extend" or "end" or "shape" or "text" => ParseElementOperation(message),
            "move" or "erase" or "clear" or "undo" or "redo" => ParseEdit(message),
            "chat" => ParseChat(message),
            "note" => ParseNote(message),
            "edit-text" => ParseEditText(message),
            "restyle" => ParseRestyle(message),
            "resize" or "add" or "front" or "back" => ArrangeMessageParser.Parse(message),
            "image" => ParseImage(message),
            "restore" => ParseRestore(message),
            _ => Invalid("A message's kind must be one of begin, extend, end, shape, text, move, erase, clear, undo, redo, chat, note, edit-text, restyle, resize, add, front, back, image or restore."),
        };
    }

    private static Validated<BoardOperation> ParseElementOperation(BoardMessage message)
    {
        if (!ElementId.TryParse(message.Id, out var id))
        {
            return Invalid($"An element id must be 1 to {BoardLimits.MaxIdLength} letters, digits, '-' or '_'.");
        }

        if (message.Kind == "end")
        {
            return Ok(new FinishElement(id));
        }

        if (message.Kind == "extend")
        {
            if (message.From < 1 || message.From >= BoardLimits.MaxPointsPerStroke)
            {
                return Invalid($"An extension must start at a point index from 1 to {BoardLimits.MaxPointsPerStroke - 1}.");
            }

            var points = ParseStrokePoints(message.Points);
            return points.IsValid ? Ok(new ExtendStroke(id, message.From, points.Value!)) : Invalid(points.Error!);
        }

        var style = StyleParts.ParseStyle(message.Color, message.Width, message.Fill, message.Line, message.Opacity);
        if (!style.IsValid)
        {
            return Invalid(style.Error!);
        }

        switch (message.Kind)
        {
            case "begin":
                var firstPoints = ParseStrokePoints(message.Points);
                return firstPoints.IsValid ? OkStyled(new BeginStroke(id, style.Value!, firstPoints.Value!)) : Invalid(firstPoints.Error!);
            case "shape":
                var shape = ParseShape(message.Shape, message.Points);
                return shape.IsValid
                    ? OkStyled(new DrawShape(id, shape.Value.Kind, style.Value!, shape.Value.From, shape.Value.To, message.Done))
                    : Invalid(shape.Error!);
            default:
                var text = ParseText(message.Text, message.Points);
                return text.IsValid ? OkStyled(new PlaceText(id, style.Value!, text.Value.At, text.Value.Content)) : Invalid(text.Error!);
        }
    }

    private static Validated<BoardOperation> ParseEdit(BoardMessage message)
    {
        if (!OperationId.TryParse(message.Op, out var op))
        {
            return Invalid($"An edit needs an operation id of 1 to {BoardLimits.MaxIdLength} letters, digits, '-' or '_'.");
        }

        switch (message.Kind)
        {
            case "clear":
                return Ok(new ClearBoard(op));
            case "undo":
                return Ok(new Undo(op));
            case "redo":
                return Ok(new Redo(op));
        }

        var elements = ParseElementIds(message.Elements);
        if (!elements.IsValid)
        {
            return Invalid(elements.Error!);
        }

        if (message.Kind == "erase")
        {
            return Ok(new EraseElements(op, elements.Value!));
        }

        const double farthest = 2 * (double)BoardLimits.CoordinateLimit;
        if (message.Dx is not { } dx || message.Dy is not { } dy || !double.IsFinite(dx) || !double.IsFinite(dy)
            || Math.Abs(dx) > farthest || Math.Abs(dy) > farthest)
        {
            return Invalid("A move needs finite distances dx and dy across the board.");
        }

        return Ok(new MoveElements(op, elements.Value!, (float)dx, (float)dy));
    }

    /// <summary>A chat message: unstamped as a participant sends it, or stamped whole as its board's writer stored it.</summary>
    private static Validated<BoardOperation> ParseChat(BoardMessage message)
    {
        if (!OperationId.TryParse(message.Op, out var op))
        {
            return Invalid($"A chat message needs an operation id of 1 to {BoardLimits.MaxIdLength} letters, digits, '-' or '_'.");
        }

        var text = ChatText.Parse(message.Text);
        if (!text.IsValid)
        {
            return Invalid(text.Error!);
        }

        if (message is { Name: null, Color: null, At: null })
        {
            return Ok(new PostChat(op, text.Value!, null));
        }

        var name = DisplayName.Parse(message.Name);
        if (!name.IsValid || !CssColor.TryNormalize(message.Color, out var color) || message.At is not { } at)
        {
            return Invalid("A chat message's stamp (its author's name and color, and its time) is damaged.");
        }

        return Ok(new PostChat(op, text.Value!, new ChatStamp(name.Value!, color, at)));
    }

    internal static Validated<IReadOnlyList<ElementId>> ParseElementIds(string?[]? values)
    {
        if (values is null || values.Length == 0 || values.Length > BoardLimits.MaxElementsPerEdit)
        {
            return Validated<IReadOnlyList<ElementId>>.Reject($"An edit must name 1 to {BoardLimits.MaxElementsPerEdit} elements.");
        }

        var ids = new ElementId[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (!ElementId.TryParse(values[i], out ids[i]))
            {
                return Validated<IReadOnlyList<ElementId>>.Reject($"Element {i} of the edit does not have a valid id.");
            }
        }

        return Validated<IReadOnlyList<ElementId>>.Ok(ids.Distinct().ToArray());
    }

    /// <summary>A shape's kind by name, and its two corners (x1, y1, x2, y2).</summary>
    internal static Validated<(ShapeKind Kind, BoardPoint From, BoardPoint To)> ParseShape(string? name, double?[]? values)
    {
        if (name is null || !BoardMessage.ShapeNames.TryGetValue(name, out var kind))
        {
            return Validated<(ShapeKind, BoardPoint, BoardPoint)>.Reject("A shape must be \"line\", \"arrow\", \"rect\" or \"ellipse\".");
        }

        var corners = ParsePlaces(values, 2, "A shape needs two corners: x1, y1, x2, y2.");
        return corners.IsValid
            ? Validated<(ShapeKind, BoardPoint, BoardPoint)>.Ok((kind, corners.Value![0], corners.Value[1]))
            : Validated<(ShapeKind, BoardPoint, BoardPoint)>.Reject(corners.Error!);
    }

    /// <summary>Text's content and its place (x, y).</summary>
    internal static Validated<(string Content, BoardPoint At)> ParseText(string? text, double?[]? values)
    {
        var content = ParseContent(text);
        if (!content.IsValid)
        {
            return Validated<(string, BoardPoint)>.Reject(content.Error!);
        }

        var at = ParsePlaces(values, 1, "Text needs a place: x, y.");
        return at.IsValid ? Validated<(string, BoardPoint)>.Ok((content.Value!, at.Value![0])) : Validated<(string, BoardPoint)>.Reject(at.Error!);
    }

    internal static Validated<string> ParseContent(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Validated<string>.Reject("Text must not be empty.");
        }

        if (text.Length > BoardLimits.MaxTextLength)
        {
            return Validated<string>.Reject($"Text may have at most {BoardLimits.MaxTextLength} characters; it had {text.Length}.");
        }

        var normalized = text.Replace("\r\n", "\n");
        if (normalized.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            return Validated<string>.Reject("Text may not contain control characters other than line breaks and tabs.");
        }

        return HasNoncharacterOrLoneSurrogate(normalized)
            ? Validated<string>.Reject($"Text {NoncharactersRefused}")
            : Validated<string>.Ok(normalized);
    }

    /// <summary>The end of a refusal of text that <see cref="HasNoncharacterOrLoneSurrogate"/> finds wrong.</summary>
    public const string NoncharactersRefused = "may not contain Unicode noncharacters (such as U+FFFE) or unpaired surrogates.";

    /// <summary>
    /// Whether the text holds a character no document may carry: XML (so an SVG export) forbids U+FFFE,
    /// U+FFFF and unpaired surrogates, and Unicode keeps the other noncharacters (U+FDD0 to U+FDEF, and the
    /// last two of every plane) out of interchange. Accepted once, one of them would break every export.
    /// </summary>
    public static bool HasNoncharacterOrLoneSurrogate(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out var rune, out var used) != OperationStatus.Done || IsNoncharacter(rune))
            {
                return true;
            }

            text = text[used..];
        }

        return false;
    }

    /// <summary>
    /// The text with each character <see cref="HasNoncharacterOrLoneSurrogate"/> refuses replaced by U+FFFD: for
    /// what was stored before they were refused, so that a board holding one still opens and exports.
    /// </summary>
    public static string? WithNoncharactersReplaced(string? text)
    {
        if (text is null || !HasNoncharacterOrLoneSurrogate(text))
        {
            return text;
        }

        var replaced = new StringBuilder(text.Length);
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done || IsNoncharacter(rune))
            {
                replaced.Append('\uFFFD');
            }
            else
            {
                replaced.Append(rest[..used]);
            }

            rest = rest[used..];
        }

        return replaced.ToString();
    }

    private static bool IsNoncharacter(Rune rune) => (rune.Value & 0xFFFE) == 0xFFFE || rune.Value is >= 0xFDD0 and <= 0xFDEF;

    internal static Validated<StrokeStyle> ParseStyle(string? color, double? width)
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

    private static Validated<BoardPoint[]> ParsePlaces(double?[]? values, int count, string shapeOfInput)
    {
        if (values is null || values.Length != 2 * count)
        {
            return Validated<BoardPoint[]>.Reject(shapeOfInput);
        }

        var places = new BoardPoint[count];
        for (var i = 0; i < count; i++)
        {
            var place = ParseCoordinates(values[2 * i], values[2 * i + 1], i);
            if (!place.IsValid)
            {
                return Validated<BoardPoint[]>.Reject(place.Error!);
            }

            places[i] = place.Value;
        }

        return Validated<BoardPoint[]>.Ok(places);
    }

    internal static Validated<IReadOnlyList<StrokePoint>> ParseStrokePoints(double?[]? values, int maxCount = BoardLimits.MaxPointsPerMessage)
    {
        var points = ParseStrokePoints(values is null ? null : Array.ConvertAll(values, value => value ?? double.NaN), maxCount);
        return new(points.Value, points.Error);
    }

    /// <summary>
    /// Points kept as 32-bit floats (a stored snapshot's), under the same rules as points sent; as the array
    /// a stroke keeps, so that a large board's million points are not copied once more.
    /// </summary>
    internal static Validated<StrokePoint[]> ParseStrokePoints(float[]? values, int maxCount) => ParseStrokePoints<float>(values, maxCount);

    /// <summary>Optimized from its first call: a large board's snapshot brings a million points through here at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Validated<StrokePoint[]> ParseStrokePoints<T>(T[]? values, int maxCount)
        where T : struct, INumberBase<T>
    {
        if (values is null || values.Length % 3 != 0 || values.Length == 0)
        {
            return Validated<StrokePoint[]>.Reject("Points must be a non-empty list of x, y, pressure triples.");
        }

        var count = values.Length / 3;
        if (count > maxCount)
        {
            return Validated<StrokePoint[]>.Reject($"At most {maxCount} points may come at once; there were {count}.");
        }

        var points = new StrokePoint[count];
        for (var i = 0; i < count; i++)
        {
            var place = ParseCoordinates(double.CreateTruncating(values[3 * i]), double.CreateTruncating(values[3 * i + 1]), i);
            if (!place.IsValid)
            {
                return Validated<StrokePoint[]>.Reject(place.Error!);
            }

            var pressure = double.CreateTruncating(values[3 * i + 2]);
            if (!double.IsFinite(pressure))
            {
                return Validated<StrokePoint[]>.Reject($"Point {i} is not made of finite numbers.");
            }

            if (pressure is < 0 or > 1)
            {
                return Validated<StrokePoint[]>.Reject($"Point {i} has a pressure outside 0..1.");
            }

            points[i] = new StrokePoint(place.Value.X, place.Value.Y, (float)pressure);
        }

        return Validated<StrokePoint[]>.Ok(points);
    }

    private static Validated<BoardPoint> ParseCoordinates(double? x, double? y, int index)
    {
        if (x is not { } px || y is not { } py || !double.IsFinite(px) || !double.IsFinite(py))
        {
            return Validated<BoardPoint>.Reject($"Point {index} is not made of finite numbers.");
        }

        if (Math.Abs(px) > BoardLimits.CoordinateLimit || Math.Abs(py) > BoardLimits.CoordinateLimit)
        {
            return Validated<BoardPoint>.Reject(
                $"Point {index} lies outside the board (coordinates are limited to ±{BoardLimits.CoordinateLimit:0}).");
        }

        return Validated<BoardPoint>.Ok(new BoardPoint((float)px, (float)py));
    }

    private static Validated<BoardOperation> Ok(BoardOperation operation) => Validated<BoardOperation>.Ok(operation);

    private static Validated<BoardOperation> Invalid(string reason) => Validated<BoardOperation>.Reject(reason);
}
