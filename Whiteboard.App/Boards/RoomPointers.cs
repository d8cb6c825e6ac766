using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Operations;

namespace Whiteboard.App.Boards;

/// <summary>
/// The pointers of one board's people that moved in a turn of its room's loop, told to everyone once a
/// turn, latest position only. Used by the loop only.
/// </summary>
internal sealed class RoomPointers
{
    private readonly HashSet<RoomSubscription> moved = [];

    /// <summary>Every pointer known, as a snapshot holds them.</summary>
    public static List<SeatPointer> Of(IEnumerable<RoomSubscription> subscribers) =>
        [.. subscribers.Where(subscriber => subscriber.Pointer is not null).Select(subscriber => new SeatPointer(subscriber.Seat, subscriber.Pointer!))];

    public void Move(RoomSubscription from, Pointer pointer)
    {
        from.Pointer = pointer;
        moved.Add(from);
    }

    /// <summary>
    /// A page drawing does not send its pointer: it is where the ink it draws has got to (the view it looks at
    /// unchanged), so the others see the cursor move in the same update as the ink.
    /// </summary>
    public void MoveWithInk(RoomSubscription from, IReadOnlyList<BoardOperation> operations)
    {
        BoardPoint? inkAt = operations.LastOrDefault(operation => operation is BeginStroke or ExtendStroke or DrawShape) switch
        {
            BeginStroke { Points: [.., var last] } => new BoardPoint(last.X, last.Y),
            ExtendStroke { Points: [.., var last] } => new BoardPoint(last.X, last.Y),
            DrawShape shape => shape.To,
            _ => null,
        };
        if (inkAt is { } point && from.Pointer is { } pointer)
        {
            from.Pointer = pointer with { X = point.X, Y = point.Y, OnBoard = true };
            moved.Add(from);
        }
    }

    public void Forget(RoomSubscription subscription) => moved.Remove(subscription);

    /// <summary>Tells every subscriber where the pointers that moved are now.</summary>
    public void Publish(IReadOnlyList<RoomSubscription> subscribers)
    {
        if (moved.Count == 0)
        {
            return;
        }

        List<SeatPointer> positions = [.. moved.Select(subscriber => new SeatPointer(subscriber.Seat, subscriber.Pointer!))];
        moved.Clear();
        foreach (var subscriber in subscribers)
        {
            subscriber.OfferPointers(positions);
        }
    }
}
