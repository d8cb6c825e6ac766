using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;

namespace Whiteboard.Shared.State;

/// <summary>Sticky notes, and editing the content of a text or a note.</summary>
public sealed partial class BoardState
{
    private ApplyOutcome Place(ParticipantId author, PlaceNote place) =>
        PlaceNew(author, new Note(place.Element, author, place.Paper, place.At, place.Size, place.Content));

    /// <summary>Anyone may edit any text or note on the board, as anyone may move or erase it.</summary>
    private ApplyOutcome Retext(ParticipantHistory history, EditText edit)
    {
        if (!elements.TryGetValue(edit.Element, out var element))
        {
            return ApplyOutcome.Reject("This text is no longer on the board.");
        }

        if (ContentOf(element) is not { } before)
        {
            return ApplyOutcome.Reject("Only a text or a note can be edited this way.");
        }

        if (before == edit.Content)
        {
            return ApplyOutcome.Unchanged;
        }

        if (RefuseRetexting(edit.Element, edit.Content) is { } full)
        {
            return full;
        }

        var edited = RetextPresent(edit.Element, edit.Content);
        history.Did(new Retexted(edit.Element, before, edit.Content));
        return ApplyOutcome.Changed(new ElementsDrawn(edited));
    }

    /// <summary>Null when the element is gone, or its content may become this; otherwise why not (the board is full).</summary>
    private ApplyOutcome? RefuseRetexting(ElementId id, string content) =>
        elements.TryGetValue(id, out var element) && WithContent(element, content) is { } edited
            ? RefuseGrowth(BoardSize.Of(edited) - BoardSize.Of(element))
            : null;

    /// <summary>The element with this content, when it is still on the board; undoing an edit of an erased one changes nothing.</summary>
    private List<BoardElement> RetextPresent(ElementId id, string content)
    {
        if (!elements.TryGetValue(id, out var element) || WithContent(element, content) is not { } edited)
        {
            return [];
        }

        size += BoardSize.Of(edited) - BoardSize.Of(element);
        elements[id] = edited;
        return [edited];
    }

    private static string? ContentOf(BoardElement element) => element switch
    {
        Text text => text.Content,
        Note note => note.Content,
        _ => null,
    };

    private static BoardElement? WithContent(BoardElement element, string content) => element switch
    {
        Text text => text with { Content = content },
        Note note => note with { Content = content },
        _ => null,
    };
}
