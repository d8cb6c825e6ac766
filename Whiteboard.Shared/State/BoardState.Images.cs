using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;

namespace Whiteboard.Shared.State;

/// <summary>Images, placed as one undo step each.</summary>
public sealed partial class BoardState
{
    private ApplyOutcome Place(ParticipantId author, PlaceImage place)
    {
        if (CheckNewId(author, place.Element) is { } seenBefore)
        {
            return seenBefore;
        }

        var image = new Image(place.Element, author, place.Hash, place.From, place.To);
        if (RefuseGrowth(BoardSize.Of(image)) is { } full)
        {
            return full;
        }

        Add(image);
        HistoryOf(author).Did(new Appeared([image]));
        return ApplyOutcome.Changed(new ElementsDrawn([image]));
    }
}
