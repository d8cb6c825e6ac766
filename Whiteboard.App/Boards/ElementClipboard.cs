using Whiteboard.App.Canvas;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Boards;

/// <summary>
/// Copying, duplicating and pasting elements, from the board as a participant was shown it. The copies go back to the
/// page, which sends them as one "add" edit: the board's writer checks them like any edit, and a retry applies once.
/// </summary>
public static class ElementClipboard
{
    /// <summary>The named elements as this app's clipboard JSON, or why not.</summary>
    public static Validated<string> Copy(BoardMirror mirror, string?[]? ids)
    {
        if (Named(mirror, ids) is not { Count: > 0 } elements)
        {
            return Validated<string>.Reject("None of these elements are on the board to copy.");
        }

        var json = ClipboardDocument.Write(elements);
        return json.Length <= BoardLimits.MaxCopyLength ? Validated<string>.Ok(json) : Validated<string>.Reject(ClipboardDocument.TooLarge);
    }

    /// <summary>Copies of the named elements beside them, with new ids.</summary>
    public static Validated<CanvasCopies> Duplicate(BoardMirror mirror, string?[]? ids) =>
        Named(mirror, ids) is { Count: > 0 } elements
            ? Made(ElementCopies.ShiftedBy(elements, ElementCopies.DuplicateOffset, ElementCopies.DuplicateOffset))
            : Validated<CanvasCopies>.Reject("None of these elements are on the board to duplicate.");

    /// <summary>Copies of what a clipboard's text holds, centred on (<paramref name="x"/>, <paramref name="y"/>), with new ids.</summary>
    public static Validated<CanvasCopies> Paste(string? text, double x, double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y) || Math.Abs(x) > BoardLimits.CoordinateLimit || Math.Abs(y) > BoardLimits.CoordinateLimit)
        {
            return Validated<CanvasCopies>.Reject("The place to paste at is off the board.");
        }

        var elements = ClipboardDocument.Read(text);
        return elements.IsValid
            ? Made(ElementCopies.CentredOn(elements.Value!, new BoardPoint((float)x, (float)y)))
            : Validated<CanvasCopies>.Reject(elements.Error!);
    }

    /// <summary>Those of the selected elements shown and finished, in drawing order: what a copy or a duplicate takes.</summary>
    private static IReadOnlyList<BoardElement> Named(BoardMirror mirror, string?[]? ids) =>
        [.. mirror.ElementsOf(ElementId.OfSelection(ids)).Where(element => element.IsFinished)];

    private static Validated<CanvasCopies> Made(Validated<IReadOnlyList<BoardElement>> copies)
    {
        if (!copies.IsValid)
        {
            return Validated<CanvasCopies>.Reject(copies.Error!);
        }

        // What goes back as one "add" edit is as large as the clipboard's JSON of the copies.
        if (ClipboardDocument.Write(copies.Value!).Length > BoardLimits.MaxCopyLength)
        {
            return Validated<CanvasCopies>.Reject(ClipboardDocument.TooLarge);
        }

        var box = copies.Value!.Select(HitTest.BoundsOf).Aggregate((all, next) => all.Union(next));
        return Validated<CanvasCopies>.Ok(new CanvasCopies(
            [.. copies.Value!.Select(element => ElementRecord.Of(element, withAuthor: false))],
            new CanvasSelection([.. copies.Value!.Select(element => element.Id.Value)], box)));
    }
}
