using System.Security.Cryptography;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.Documents;

/// <summary>Copies of elements (a duplicate, a paste): each with a new id, all shifted alike.</summary>
public static class ElementCopies
{
    /// <summary>How far a duplicate lies from what it copies, right and down, in board units: beside it, not hiding it.</summary>
    public const float DuplicateOffset = 16;

    /// <summary>Copies shifted by (<paramref name="dx"/>, <paramref name="dy"/>), or why they cannot be: off the board.</summary>
    public static Validated<IReadOnlyList<BoardElement>> ShiftedBy(IReadOnlyList<BoardElement> elements, float dx, float dy)
    {
        var limit = new Bounds(-BoardLimits.CoordinateLimit, -BoardLimits.CoordinateLimit, BoardLimits.CoordinateLimit, BoardLimits.CoordinateLimit);
        if (elements.Any(element => !limit.Contains(HitTest.BoundsOf(element).MovedBy(dx, dy))))
        {
            return Validated<IReadOnlyList<BoardElement>>.Reject(
                $"The copies would lie off the board (coordinates are limited to ±{BoardLimits.CoordinateLimit:0}).");
        }

        return Validated<IReadOnlyList<BoardElement>>.Ok([.. elements.Select(element => element.MovedBy(dx, dy) with { Id = NewId() })]);
    }

    /// <summary>Copies whose box is centred on <paramref name="at"/>: a paste where the pointer is.</summary>
    public static Validated<IReadOnlyList<BoardElement>> CentredOn(IReadOnlyList<BoardElement> elements, BoardPoint at)
    {
        var box = elements.Select(HitTest.BoundsOf).Aggregate((all, next) => all.Union(next));
        return ShiftedBy(elements, at.X - (box.MinX + box.MaxX) / 2, at.Y - (box.MinY + box.MaxY) / 2);
    }

    private static ElementId NewId() =>
        ElementId.TryParse(Base64Url.Encode(RandomNumberGenerator.GetBytes(12)), out var id) ? id : throw new InvalidOperationException("A new id is not one.");
}
