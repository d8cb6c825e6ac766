using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;

namespace Whiteboard.Shared.Validation;

/// <summary>Images: placed by the hash of bytes the board keeps, over a box.</summary>
public static partial class MessageValidator
{
    private static Validated<BoardOperation> ParseImage(BoardMessage message)
    {
        if (!ElementId.TryParse(message.Id, out var id))
        {
            return Invalid($"An element id must be 1 to {BoardLimits.MaxIdLength} letters, digits, '-' or '_'.");
        }

        var image = ParseImageParts(message.Image, message.Points, BoardLimits.MinImageSide);
        return image.IsValid ? Ok(new PlaceImage(id, image.Value.Hash, image.Value.From, image.Value.To)) : Invalid(image.Error!);
    }

    /// <summary>
    /// An image's hash and its box: the top-left corner (x1, y1), then the bottom-right (x2, y2), with sides of at least
    /// <paramref name="minSide"/> and more than 0.
    /// </summary>
    internal static Validated<(string Hash, BoardPoint From, BoardPoint To)> ParseImageParts(string? hash, double?[]? points, float minSide)
    {
        if (!ImageHash.IsWellFormed(hash))
        {
            return Validated<(string, BoardPoint, BoardPoint)>.Reject($"An image is named by its hash: {ImageHash.Length} lowercase hex digits.");
        }

        var corners = ParsePlaces(points, 2, "An image needs its box: x1, y1 (top-left), x2, y2 (bottom-right).");
        if (!corners.IsValid)
        {
            return Validated<(string, BoardPoint, BoardPoint)>.Reject(corners.Error!);
        }

        var (from, to) = (corners.Value![0], corners.Value[1]);
        return to.X - from.X >= minSide && to.Y - from.Y >= minSide && to.X > from.X && to.Y > from.Y
            ? Validated<(string, BoardPoint, BoardPoint)>.Ok((hash!, from, to))
            : Validated<(string, BoardPoint, BoardPoint)>.Reject(
                $"An image's box needs sides of {(minSide > 0 ? $"{minSide} or more" : "more than 0")} board units, its second corner below and right of its first.");
    }
}
