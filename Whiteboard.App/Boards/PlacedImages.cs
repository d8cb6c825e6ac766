using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;

namespace Whiteboard.App.Boards;

/// <summary>
/// An image element may show only an image its board keeps: one uploaded to it (or imported with it) before. A copy
/// pasted from another board is held to it too: the clipboard carries elements, not image bytes.
/// </summary>
public static class PlacedImages
{
    public const string NotKept = "This image is not on this board: upload it first.";

    /// <summary>Null when every image the operations place is kept by the board; otherwise why they are refused.</summary>
    public static async Task<string?> RefusalAsync(
        BoardRooms rooms, BoardId board, IReadOnlyList<BoardOperation> operations, CancellationToken cancellationToken)
    {
        var placed = operations.OfType<PlaceImage>().Select(place => place.Hash)
            .Concat(operations.OfType<AddElements>().SelectMany(add => add.Elements.OfType<Image>()).Select(image => image.Hash));
        foreach (var hash in placed.Distinct())
        {
            if (!await rooms.HasImageAsync(board, hash, cancellationToken))
            {
                return NotKept;
            }
        }

        return null;
    }
}
