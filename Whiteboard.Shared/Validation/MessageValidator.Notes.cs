using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;

namespace Whiteboard.Shared.Validation;

/// <summary>Sticky notes, and editing the content of a text or a note.</summary>
public static partial class MessageValidator
{
    /// <summary>A note is placed on its paper, opaque; a restyle changes its opacity afterwards.</summary>
    internal const string NoteTakesNoStyle = "A note is placed with no fill, line style or opacity: its paper is its color (restyle it to make it faint).";

    private static Validated<BoardOperation> ParseNote(BoardMessage message)
    {
        if (!ElementId.TryParse(message.Id, out var id))
        {
            return Invalid($"An element id must be 1 to {BoardLimits.MaxIdLength} letters, digits, '-' or '_'.");
        }

        if (message.Fill is not null || message.Line is not null || message.Opacity is not null)
        {
            return Invalid(NoteTakesNoStyle);
        }

        var note = ParseNoteParts(message.Color, message.Width, message.Text, message.Points);
        return note.IsValid
            ? Ok(new PlaceNote(id, note.Value.Paper, note.Value.At, note.Value.Size, note.Value.Content))
            : Invalid(note.Error!);
    }

    private static Validated<BoardOperation> ParseEditText(BoardMessage message)
    {
        if (!OperationId.TryParse(message.Op, out var op))
        {
            return Invalid($"An edit needs an operation id of 1 to {BoardLimits.MaxIdLength} letters, digits, '-' or '_'.");
        }

        if (!ElementId.TryParse(message.Id, out var id))
        {
            return Invalid("An edit of a text needs the id of the text or note it changes.");
        }

        var content = ParseContent(message.Text);
        return content.IsValid ? Ok(new EditText(op, id, content.Value!)) : Invalid(content.Error!);
    }

    /// <summary>A note's paper (one of <see cref="NoteLayout.PaperForInk"/>'s), its side, its content and its place (x, y).</summary>
    internal static Validated<(string Paper, float Size, string Content, BoardPoint At)> ParseNoteParts(
        string? color, double? size, string? text, double?[]? points)
    {
        if (!CssColor.TryNormalize(color, out var paper) || !NoteLayout.IsPaper(paper))
        {
            return Validated<(string, float, string, BoardPoint)>.Reject(
                $"A note's paper must be one of the note colors: {string.Join(", ", NoteLayout.PaperForInk.Values)}.");
        }

        if (size is not { } side || !double.IsFinite(side) || side < BoardLimits.MinNoteSize || side > BoardLimits.MaxNoteSize)
        {
            return Validated<(string, float, string, BoardPoint)>.Reject(
                $"A note's size must be a number from {BoardLimits.MinNoteSize} to {BoardLimits.MaxNoteSize}.");
        }

        var placed = ParseText(text, points);
        return placed.IsValid
            ? Validated<(string, float, string, BoardPoint)>.Ok((paper, (float)side, placed.Value.Content, placed.Value.At))
            : Validated<(string, float, string, BoardPoint)>.Reject(placed.Error!);
    }
}
