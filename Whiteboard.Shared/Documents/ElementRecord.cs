using System.Text.Json.Serialization;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Protocol;

namespace Whiteboard.Shared.Documents;

/// <summary>
/// One element written down: in exported files and in stored snapshots. Untrusted when read back;
/// <see cref="ElementReader"/> turns it into an element or a reason.
/// </summary>
/// <param name="Type">"stroke", "shape", "text", "note" or "image".</param>
/// <param name="Points">x, y, pressure triples for a stroke; x1, y1, x2, y2 for a shape; x, y for text and a note (its top-left corner).</param>
/// <param name="Color">The ink's color; a note's paper.</param>
/// <param name="Width">The ink's width; a note's side.</param>
/// <param name="Shape">For a shape: "line", "arrow", "rect" or "ellipse".</param>
/// <param name="Open">Still being drawn (stored snapshots only; exports hold finished elements).</param>
/// <param name="Author">Who drew it (stored snapshots only; an export does not say who drew what).</param>
/// <param name="Fill">A rectangle's or an ellipse's fill color; absent: none.</param>
/// <param name="Line">A shape's line style, "dashed" or "dotted"; absent: solid.</param>
/// <param name="Opacity">From <see cref="Validation.BoardLimits.MinOpacity"/> to 1; absent: 1.</param>
/// <param name="Image">For an image: the hash of the board's stored image (its box is in <paramref name="Points"/>: x1, y1, x2, y2).</param>
public sealed record ElementRecord(
    string? Type,
    string? Id,
    float[]? Points,
    string? Color = null,
    float? Width = null,
    string? Shape = null,
    string? Text = null,
    bool Open = false,
    string? Author = null,
    // Written only when not the default: a file or snapshot of plain elements is as it was before styles.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Fill = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Line = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float? Opacity = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Image = null)
{
    public static ElementRecord Of(BoardElement element, bool withAuthor)
    {
        var author = withAuthor ? element.Author.Value : null;
        var open = withAuthor && !element.IsFinished;
        ElementRecord record = element switch
        {
            Stroke stroke => new("stroke", stroke.Id.Value, Flatten(stroke.Points.Span), stroke.Style.Color, stroke.Style.Width,
                Open: open, Author: author),
            Shape shape => new("shape", shape.Id.Value, [shape.From.X, shape.From.Y, shape.To.X, shape.To.Y], shape.Style.Color,
                shape.Style.Width, BoardMessage.NameOf(shape.Kind), Open: open, Author: author),
            Text text => new("text", text.Id.Value, [text.At.X, text.At.Y], text.Style.Color, text.Style.Width, Text: text.Content,
                Author: author),
            Note note => new("note", note.Id.Value, [note.At.X, note.At.Y], note.Paper, note.Size, Text: note.Content, Author: author),
            Image image => new("image", image.Id.Value, [image.From.X, image.From.Y, image.To.X, image.To.Y], Author: author, Image: image.Hash),
            _ => throw new ArgumentException($"No record stands for {element.GetType().Name}.", nameof(element)),
        };
        return ElementStyles.StyleOf(element) is { } style ? WithStyleParts(record, style) : record;
    }

    private static ElementRecord WithStyleParts(ElementRecord record, StrokeStyle style) => record with
    {
        Fill = style.Fill,
        Line = style.Line == LineStyle.Solid ? null : LineStyles.NameOf(style.Line),
        Opacity = style.Opacity == 1 ? null : style.Opacity,
    };

    /// <summary>A stroke's points as x, y, pressure triples.</summary>
    public static float[] Flatten(ReadOnlySpan<StrokePoint> points)
    {
        var flat = new float[points.Length * 3];
        for (var i = 0; i < points.Length; i++)
        {
            flat[3 * i] = points[i].X;
            flat[3 * i + 1] = points[i].Y;
            flat[3 * i + 2] = points[i].Pressure;
        }

        return flat;
    }
}
