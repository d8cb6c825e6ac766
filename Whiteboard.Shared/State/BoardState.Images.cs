using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;

namespace Whiteboard.Shared.State;

/// <summary>Images, placed as one undo step each.</summary>
public sealed partial class BoardState
{
    private ApplyOutcome Place(ParticipantId author, PlaceImage place) =>
        PlaceNew(author, new Image(place.Element, author, place.Hash, place.From, place.To));
}
