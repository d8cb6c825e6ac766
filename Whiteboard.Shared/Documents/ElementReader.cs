using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.Documents;

/// <summary>Reads an <see cref="ElementRecord"/> back into an element, under the same rules as drawing one.</summary>
public static class ElementReader
{
    /// <summary>
    /// The element a record stands for. Given <paramref name="creditedTo"/> (an import), the element
    /// is theirs and finished, whatever the record says; otherwise (a stored snapshot) the record's
    /// own author and state are kept.
    /// </summary>
    public static Validated<BoardElement> Read(ElementRecord? record, ParticipantId? creditedTo)
    {
        if (record is null)
        {
            return Validated<BoardElement>.Reject("An element is missing.");
        }

        if (!ElementId.TryParse(record.Id, out var id))
        {
            return Validated<BoardElement>.Reject($"An element id must be 1 to {BoardLimits.MaxIdLength} letters, digits, '-' or '_'.");
        }

        if (creditedTo is null && !Base64Url.IsToken(record.Author, BoardLimits.MaxIdLength))
        {
            return Validated<BoardElement>.Reject($"Element {id} does not say who drew it.");
        }

        var author = creditedTo ?? ParticipantId.Restore(record.Author!);
        if (record.Type == "note")
        {
            return ReadNote(id, author, record);
        }

        if (record.Type == "image")
        {
            return ReadImage(id, author, record);
        }

        var open = creditedTo is null && record.Open;
        var style = StyleParts.ParseStyle(record.Color, record.Width, record.Fill, record.Line, record.Opacity);
        if (!style.IsValid)
        {
            return Validated<BoardElement>.Reject($"Element {id}: {style.Error}");
        }

        var element = record.Type switch
        {
            "stroke" => ReadStroke(id, author, style.Value!, record.Points, open),
            "shape" => ReadShape(id, author, style.Value!, Numbers(record.Points), record.Shape, open),
            // A stored snapshot's text may predate the refusal of noncharacters: replaced, the board still opens.
            "text" => ReadText(id, author, style.Value!, Numbers(record.Points),
                creditedTo is null ? MessageValidator.WithNoncharactersReplaced(record.Text) : record.Text),
            _ => Validated<BoardElement>.Reject("An element's type must be \"stroke\", \"shape\", \"text\", \"note\" or \"image\"."),
        };
        if (element.IsValid && ElementStyles.Refusal(element.Value!, style.Value!) is { } refusal)
        {
            return Validated<BoardElement>.Reject($"Element {id}: {refusal}");
        }

        return element.IsValid ? element : Validated<BoardElement>.Reject($"Element {id}: {element.Error}");
    }

    private static Validated<BoardElement> ReadNote(ElementId id, ParticipantId author, ElementRecord record)
    {
        var note = MessageValidator.ParseNoteParts(record.Color, record.Width, record.Text, Numbers(record.Points));
        var opacity = StyleParts.ParseOpacity(record.Opacity);
        if (record.Fill is not null || record.Line is not null)
        {
            return Validated<BoardElement>.Reject($"Element {id}: A note takes no fill or line style: its paper is its color.");
        }

        return (note.IsValid, opacity.IsValid) switch
        {
            (false, _) => Validated<BoardElement>.Reject($"Element {id}: {note.Error}"),
            (_, false) => Validated<BoardElement>.Reject($"Element {id}: {opacity.Error}"),
            _ => Validated<BoardElement>.Ok(new Note(id, author, note.Value.Paper, note.Value.At, note.Value.Size, note.Value.Content, opacity.Value ?? 1)),
        };
    }

    private static Validated<BoardElement> ReadImage(ElementId id, ParticipantId author, ElementRecord record)
    {
        // Any box with sides: a stored image was placed with sides of at least BoardLimits.MinImageSide, but a move adds to
        // both corners in floats, and far from the origin a side can come out a hair shorter.
        var image = MessageValidator.ParseImageParts(record.Image, Numbers(record.Points), minSide: 0);
        return image.IsValid
            ? Validated<BoardElement>.Ok(new Image(id, author, image.Value.Hash, image.Value.From, image.Value.To))
            : Validated<BoardElement>.Reject($"Element {id}: {image.Error}");
    }

    private static double?[]? Numbers(float[]? values) => values is null ? null : Array.ConvertAll(values, value => (double?)value);

    private static Validated<BoardElement> ReadStroke(ElementId id, ParticipantId author, StrokeStyle style, float[]? values, bool open)
    {
        var points = MessageValidator.ParseStrokePoints(values, BoardLimits.MaxPointsPerStroke);
        return points.IsValid
            ? Validated<BoardElement>.Ok(new Stroke(id, author, style, points.Value!, !open))
            : Validated<BoardElement>.Reject(points.Error!);
    }

    private static Validated<BoardElement> ReadShape(
        ElementId id, ParticipantId author, StrokeStyle style, double?[]? values, string? name, bool open)
    {
        var shape = MessageValidator.ParseShape(name, values);
        return shape.IsValid
            ? Validated<BoardElement>.Ok(new Shape(id, author, shape.Value.Kind, style, shape.Value.From, shape.Value.To, !open))
            : Validated<BoardElement>.Reject(shape.Error!);
    }

    private static Validated<BoardElement> ReadText(ElementId id, ParticipantId author, StrokeStyle style, double?[]? values, string? content)
    {
        var text = MessageValidator.ParseText(content, values);
        return text.IsValid
            ? Validated<BoardElement>.Ok(new Text(id, author, style, text.Value.At, text.Value.Content))
            : Validated<BoardElement>.Reject(text.Error!);
    }
}
