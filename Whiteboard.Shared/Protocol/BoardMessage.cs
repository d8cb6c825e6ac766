using System.Text.Json.Serialization;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Operations;

namespace Whiteboard.Shared.Protocol;

/// <summary>
/// One operation as a client sends it (JSON). Untrusted: every field may be missing or absurd;
/// <see cref="Validation.MessageValidator"/> turns it into an operation or a reason.
/// </summary>
/// <param name="Kind">
/// "begin", "extend", "end", "shape", "text", "move", "erase", "clear", "undo", "redo", "chat", "note", "edit-text", "restyle",
/// "resize", "add", "front", "back", "image" or "restore".
/// </param>
/// <param name="Id">The client-made id of the element drawn (begin, extend, end, shape, text, note), or edited (edit-text).</param>
/// <param name="From">For "extend": the index of the first point sent.</param>
/// <param name="Points">
/// Flat numbers placing the element: x, y, pressure triples for a stroke; x1, y1, x2, y2 for a
/// shape; x, y for text and a note (its top-left corner); for "resize", the new bounds minX, minY, maxX, maxY. A null
/// stands for a value JSON cannot carry (NaN, Infinity).
/// </param>
/// <param name="Color">For "begin", "shape" and "text": a CSS color. For a stored "chat": its author's color. For "note": its paper, one of the note papers.</param>
/// <param name="Width">For "begin", "shape" and "text": the width in board units (text: sets the font size). For "note": its side in board units.</param>
/// <param name="Shape">For "shape": "line", "arrow", "rect" or "ellipse".</param>
/// <param name="Done">For "shape": the shape is complete.</param>
/// <param name="Text">For "text", "chat", "note" and "edit-text": the text, lines separated by '\n'.</param>
/// <param name="Op">For edits (move, erase, clear, undo, redo, edit-text, restyle, resize, add, front, back) and chat: the client-made operation id.</param>
/// <param name="Elements">For "move", "erase", "restyle", "front" and "back": the ids of the elements; for "resize", the one resized.</param>
/// <param name="Dx">For "move": how far, in board units.</param>
/// <param name="Dy">For "move": how far, in board units.</param>
/// <param name="Name">For a stored "chat": its author's name, as the board's writer stamped it (with <paramref name="Color"/> and <paramref name="At"/>).</param>
/// <param name="At">For a stored "chat": when the board's writer took it.</param>
/// <param name="Fill">For "shape" (a rect or an ellipse) and "restyle": a CSS color, or "none"; absent: none (restyle: unchanged).</param>
/// <param name="Line">For "shape" and "restyle": "solid", "dashed" or "dotted"; absent: solid (restyle: unchanged).</param>
/// <param name="Opacity">For "begin", "shape", "text" and "restyle": from <see cref="Validation.BoardLimits.MinOpacity"/> to 1; absent: 1 (restyle: unchanged).</param>
/// <param name="Records">For "add": the elements added (a duplicate, a paste), written as an export writes them.</param>
/// <param name="Image">For "image": the hash of the board's stored image it shows (its box is in <paramref name="Points"/>: x1, y1, x2, y2).</param>
/// <param name="Sequence">For "restore": the operation after which the board looked as it should again.</param>
/// <param name="Moment">For a stored "restore": the elements of that moment, as the board's writer read them from the history.</param>
public sealed record BoardMessage(
    string? Kind,
    string? Id = null,
    int From = 0,
    double?[]? Points = null,
    string? Color = null,
    double? Width = null,
    string? Shape = null,
    bool Done = false,
    string? Text = null,
    string? Op = null,
    string?[]? Elements = null,
    double? Dx = null,
    double? Dy = null,
    // Only a stored chat message has these: every other operation, stored or relayed, is written as before, without them.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? At = null,
    // Written only when not the default, so an element in the plain style is stored and relayed as before.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Fill = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Line = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Opacity = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ElementRecord?[]? Records = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Image = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Sequence = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ElementRecord[]? Moment = null)
{
    public static readonly IReadOnlyDictionary<string, ShapeKind> ShapeNames = new Dictionary<string, ShapeKind>
    {
        ["line"] = ShapeKind.Line,
        ["arrow"] = ShapeKind.Arrow,
        ["rect"] = ShapeKind.Rectangle,
        ["ellipse"] = ShapeKind.Ellipse,
    };

    public static string NameOf(ShapeKind kind) => ShapeNames.First(name => name.Value == kind).Key;

    /// <summary>The message that stands for an operation: how operations are written down, and read back through the validator.</summary>
    public static BoardMessage Of(BoardOperation operation) => operation switch
    {
        BeginStroke begin => new("begin", begin.Element.Value, Points: Flatten(begin.Points), Color: begin.Style.Color, Width: begin.Style.Width,
            Opacity: OpacityOf(begin.Style)),
        ExtendStroke extend => new("extend", extend.Element.Value, extend.FromIndex, Flatten(extend.Points)),
        FinishElement finish => new("end", finish.Element.Value),
        DrawShape shape => new("shape", shape.Element.Value, Points: [shape.From.X, shape.From.Y, shape.To.X, shape.To.Y],
            Color: shape.Style.Color, Width: shape.Style.Width, Shape: NameOf(shape.Kind), Done: shape.IsFinished,
            Fill: shape.Style.Fill, Line: LineOf(shape.Style), Opacity: OpacityOf(shape.Style)),
        PlaceText text => new("text", text.Element.Value, Points: [text.At.X, text.At.Y], Color: text.Style.Color, Width: text.Style.Width, Text: text.Content,
            Opacity: OpacityOf(text.Style)),
        MoveElements move => new("move", Op: move.Op.Value, Elements: move.Elements.Select(id => id.Value).ToArray(), Dx: move.Dx, Dy: move.Dy),
        EraseElements erase => new("erase", Op: erase.Op.Value, Elements: erase.Elements.Select(id => id.Value).ToArray()),
        ClearBoard clear => new("clear", Op: clear.Op.Value),
        Undo undo => new("undo", Op: undo.Op.Value),
        Redo redo => new("redo", Op: redo.Op.Value),
        PostChat chat => new("chat", Op: chat.Op.Value, Text: chat.Text, Color: chat.Stamp?.Color, Name: chat.Stamp?.Name, At: chat.Stamp?.At),
        PlaceNote note => new("note", note.Element.Value, Points: [note.At.X, note.At.Y], Color: note.Paper, Width: note.Size, Text: note.Content),
        PlaceImage image => new("image", image.Element.Value, Points: [image.From.X, image.From.Y, image.To.X, image.To.Y], Image: image.Hash),
        EditText edit => new("edit-text", edit.Element.Value, Op: edit.Op.Value, Text: edit.Content),
        RestyleElements restyle => new("restyle", Op: restyle.Op.Value, Elements: restyle.Elements.Select(id => id.Value).ToArray(),
            Color: restyle.Change.Color, Width: restyle.Change.Width, Fill: restyle.Change.Fill,
            Line: restyle.Change.Line is { } line ? LineStyles.NameOf(line) : null, Opacity: OpacityOf(restyle.Change.Opacity)),
        ResizeElement resize => new("resize", Op: resize.Op.Value, Elements: [resize.Element.Value],
            Points: [resize.To.MinX, resize.To.MinY, resize.To.MaxX, resize.To.MaxY]),
        AddElements add => new("add", Op: add.Op.Value, Records: [.. add.Elements.Select(element => ElementRecord.Of(element, withAuthor: false))]),
        RestackElements restack => new(restack.ToFront ? "front" : "back", Op: restack.Op.Value, Elements: [.. restack.Elements.Select(id => id.Value)]),
        RestoreMoment restore => new("restore", Op: restore.Op.Value, Sequence: restore.Sequence,
            Moment: restore.Moment is null ? null : [.. restore.Moment.Select(element => ElementRecord.Of(element, withAuthor: true))]),
        _ => throw new ArgumentException($"No message stands for {operation.GetType().Name}.", nameof(operation)),
    };

    private static string? LineOf(StrokeStyle style) => style.Line == LineStyle.Solid ? null : LineStyles.NameOf(style.Line);

    /// <summary>An opacity as the hundredths it was accepted in (see <see cref="Validation.StyleParts"/>), not as a float's widened digits.</summary>
    private static double? OpacityOf(float? opacity) => opacity is { } value ? Math.Round(value, 2) : null;

    private static double? OpacityOf(StrokeStyle style) => style.Opacity == 1 ? null : OpacityOf(style.Opacity);

    private static double?[] Flatten(IReadOnlyList<StrokePoint> points) =>
        points.SelectMany(p => new double?[] { p.X, p.Y, p.Pressure }).ToArray();
}
