using System.Text.Json.Serialization;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Operations;

namespace Whiteboard.Shared.Protocol;

/// <summary>
/// One operation as a client sends it (JSON). Untrusted: every field may be missing or absurd;
/// <see cref="Validation.MessageValidator"/> turns it into an operation or a reason.
/// </summary>
/// <param name="Kind">"begin", "extend", "end", "shape", "text", "move", "erase", "clear", "undo", "redo", "chat", "note", "edit-text", "image" or "restore".</param>
/// <param name="Id">The client-made id of the element drawn (begin, extend, end, shape, text, note), or edited (edit-text).</param>
/// <param name="From">For "extend": the index of the first point sent.</param>
/// <param name="Points">
/// Flat numbers placing the element: x, y, pressure triples for a stroke; x1, y1, x2, y2 for a
/// shape; x, y for text and a note (its top-left corner). A null stands for a value JSON cannot carry (NaN, Infinity).
/// </param>
/// <param name="Color">For "begin", "shape" and "text": a CSS color. For a stored "chat": its author's color. For "note": its paper, one of the note papers.</param>
/// <param name="Width">For "begin", "shape" and "text": the width in board units (text: sets the font size). For "note": its side in board units.</param>
/// <param name="Shape">For "shape": "line", "arrow", "rect" or "ellipse".</param>
/// <param name="Done">For "shape": the shape is complete.</param>
/// <param name="Text">For "text", "chat", "note" and "edit-text": the text, lines separated by '\n'.</param>
/// <param name="Op">For edits (move, erase, clear, undo, redo, edit-text) and chat: the client-made operation id.</param>
/// <param name="Elements">For "move" and "erase": the ids of the elements.</param>
/// <param name="Dx">For "move": how far, in board units.</param>
/// <param name="Dy">For "move": how far, in board units.</param>
/// <param name="Name">For a stored "chat": its author's name, as the board's writer stamped it (with <paramref name="Color"/> and <paramref name="At"/>).</param>
/// <param name="At">For a stored "chat": when the board's writer took it.</param>
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
        BeginStroke begin => new("begin", begin.Element.Value, Points: Flatten(begin.Points), Color: begin.Style.Color, Width: begin.Style.Width),
        ExtendStroke extend => new("extend", extend.Element.Value, extend.FromIndex, Flatten(extend.Points)),
        FinishElement finish => new("end", finish.Element.Value),
        DrawShape shape => new("shape", shape.Element.Value, Points: [shape.From.X, shape.From.Y, shape.To.X, shape.To.Y],
            Color: shape.Style.Color, Width: shape.Style.Width, Shape: NameOf(shape.Kind), Done: shape.IsFinished),
        PlaceText text => new("text", text.Element.Value, Points: [text.At.X, text.At.Y], Color: text.Style.Color, Width: text.Style.Width, Text: text.Content),
        MoveElements move => new("move", Op: move.Op.Value, Elements: move.Elements.Select(id => id.Value).ToArray(), Dx: move.Dx, Dy: move.Dy),
        EraseElements erase => new("erase", Op: erase.Op.Value, Elements: erase.Elements.Select(id => id.Value).ToArray()),
        ClearBoard clear => new("clear", Op: clear.Op.Value),
        Undo undo => new("undo", Op: undo.Op.Value),
        Redo redo => new("redo", Op: redo.Op.Value),
        PostChat chat => new("chat", Op: chat.Op.Value, Text: chat.Text, Color: chat.Stamp?.Color, Name: chat.Stamp?.Name, At: chat.Stamp?.At),
        PlaceNote note => new("note", note.Element.Value, Points: [note.At.X, note.At.Y], Color: note.Paper, Width: note.Size, Text: note.Content),
        PlaceImage image => new("image", image.Element.Value, Points: [image.From.X, image.From.Y, image.To.X, image.To.Y], Image: image.Hash),
        EditText edit => new("edit-text", edit.Element.Value, Op: edit.Op.Value, Text: edit.Content),
        RestoreMoment restore => new("restore", Op: restore.Op.Value, Sequence: restore.Sequence,
            Moment: restore.Moment is null ? null : [.. restore.Moment.Select(element => ElementRecord.Of(element, withAuthor: true))]),
        _ => throw new ArgumentException($"No message stands for {operation.GetType().Name}.", nameof(operation)),
    };

    private static double?[] Flatten(IReadOnlyList<StrokePoint> points) =>
        points.SelectMany(p => new double?[] { p.X, p.Y, p.Pressure }).ToArray();
}
