using Whiteboard.App.Boards;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

/// <summary>Copy, duplicate and paste from the board as a person was shown it: what the page gets to send, or why not.</summary>
public sealed class ElementClipboardTests
{
    private readonly BoardMirror mirror = new();

    private void Show(params BoardElement[] elements) => mirror.Show(new BoardSnapshot(1, elements, []));

    private static Stroke LongStroke(string id, int points) =>
        new(Id(id), ParticipantId.New(), Black, Points([.. Enumerable.Range(0, 2 * points).Select(i => 1000.123f + i % 997)]), true);

    [Fact]
    public void A_copy_pasted_elsewhere_is_the_same_elements_with_new_ids_where_the_pointer_is()
    {
        var shape = new Shape(Id("r"), ParticipantId.New(), ShapeKind.Rectangle, Black, new BoardPoint(0, 0), new BoardPoint(100, 50), true);
        Show(shape);

        var copied = ElementClipboard.Copy(mirror, ["r", "not-shown"]);
        Assert.True(copied.IsValid, copied.Error);
        var pasted = ElementClipboard.Paste(copied.Value, 500, 500);
        Assert.True(pasted.IsValid, pasted.Error);

        var record = Assert.Single(pasted.Value!.Records);
        Assert.NotEqual("r", record.Id);
        Assert.Equal([450, 475, 550, 525], record.Points!);
        Assert.Equal([record.Id!], pasted.Value.Selection.Ids);
    }

    [Fact]
    public void Nothing_is_copied_or_duplicated_of_what_is_not_on_the_board_and_no_paste_lands_off_it()
    {
        Assert.False(ElementClipboard.Copy(mirror, ["gone"]).IsValid);
        Assert.False(ElementClipboard.Duplicate(mirror, null).IsValid);
        Assert.Contains("off the board", ElementClipboard.Paste("{}", double.NaN, 0).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_one_copy_may_carry_is_refused_with_the_reason()
    {
        // Two long strokes are well over half a megabyte of JSON.
        Show(LongStroke("a", 20_000), LongStroke("b", 20_000));

        Assert.Equal(ClipboardDocument.TooLarge, ElementClipboard.Copy(mirror, ["a", "b"]).Error);
        Assert.Equal(ClipboardDocument.TooLarge, ElementClipboard.Duplicate(mirror, ["a", "b"]).Error);
        Assert.Equal(ClipboardDocument.TooLarge, ElementClipboard.Paste(new string('x', BoardLimits.MaxCopyLength + 1), 0, 0).Error);
        Assert.True(ElementClipboard.Duplicate(mirror, ["a"]).IsValid);
    }
}
