using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.History;

/// <summary>
/// What a stretch of history held in memory weighs, in bytes, about: its checkpoint (elements, undo histories, chat) and
/// its operations (each one, and its points, text and elements), so that a cache of stretches is bounded by what it holds.
/// </summary>
internal static class HistoryWeight
{
    /// <summary>A stretch itself, however little it holds: its lists and records.</summary>
    private const long StretchBytes = 4 * 1024;

    /// <summary>An operation as read: its record, its author, its time and ids.</summary>
    private const long OperationBytes = 256;

    /// <summary>An id held in a list (an element moved or erased, an id retired): its string and its place.</summary>
    private const long IdBytes = 64;

    private const long FloatBytes = sizeof(float);

    public static long Of(BoardStateRecord? checkpoint, IEnumerable<HistoryOperation> operations) =>
        StretchBytes + CheckpointBytes(checkpoint) + operations.Sum(operation => OperationBytesOf(operation.Operation.Operation));

    private static long CheckpointBytes(BoardStateRecord? checkpoint) => checkpoint is null ? 0 :
        ElementBytes(checkpoint.Elements)
        + (checkpoint.Retired?.Length ?? 0) * 2 * IdBytes
        + (checkpoint.Chat ?? []).Sum(message => BoardLimits.BoardSizeBytesPerElement + Characters(message.Text) + Characters(message.Name))
        + (checkpoint.Histories ?? []).Sum(history =>
            (history.Undo ?? []).Concat(history.Redo ?? []).Sum(StepBytes) + (history.Seen?.Length ?? 0) * IdBytes);

    private static long StepBytes(StepRecord step) =>
        BoardLimits.BoardSizeBytesPerElement + ElementBytes(step.Elements) + ElementBytes(step.After) + (step.Ids?.Length ?? 0) * IdBytes
        + (step.Texts ?? []).Sum(Characters) + (step.Restyles?.Length ?? 0) * BoardLimits.BoardSizeBytesPerElement
        + (step.Places?.Length ?? 0) * sizeof(int);

    private static long ElementBytes(ElementRecord[]? elements) => (elements ?? []).Sum(element =>
        BoardLimits.BoardSizeBytesPerElement + (element.Points?.Length ?? 0) * FloatBytes + Characters(element.Text));

    private static long OperationBytesOf(BoardOperation operation) => OperationBytes + operation switch
    {
        BeginStroke begin => BoardSize.OfPoints(begin.Points.Count).Bytes,
        ExtendStroke extend => BoardSize.OfPoints(extend.Points.Count).Bytes,
        PlaceText text => Characters(text.Content),
        PlaceNote note => Characters(note.Content),
        EditText edit => Characters(edit.Content),
        PostChat chat => Characters(chat.Text),
        AddElements add => BoardSize.Of(add.Elements).Bytes,
        RestoreMoment { Moment: { } moment } => BoardSize.Of(moment).Bytes,
        MoveElements move => move.Elements.Count * IdBytes,
        EraseElements erase => erase.Elements.Count * IdBytes,
        RestackElements restack => restack.Elements.Count * IdBytes,
        RestyleElements restyle => restyle.Elements.Count * IdBytes,
        _ => 0,
    };

    private static long Characters(string? text) => (long)(text?.Length ?? 0) * BoardLimits.BoardSizeBytesPerCharacter;
}
