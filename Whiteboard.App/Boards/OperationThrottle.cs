using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Boards;

/// <summary>
/// A token bucket over one participant's operations: a genuine client (one batch per frame) never
/// meets it; a flood is refused once its burst is spent, and the others on the board do not notice.
/// </summary>
public sealed class OperationThrottle(TimeProvider clock)
{
    private readonly Lock gate = new();
    private double available = BoardLimits.OperationBurst;
    private long refilledAt = clock.GetTimestamp();

    /// <summary>Takes room for <paramref name="count"/> operations; false (taking nothing) when there is not enough.</summary>
    public bool TryTake(int count)
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            available = Math.Min(
                BoardLimits.OperationBurst,
                available + clock.GetElapsedTime(refilledAt, now).TotalSeconds * BoardLimits.OperationsPerSecond);
            refilledAt = now;
            if (available < count)
            {
                return false;
            }

            available -= count;
            return true;
        }
    }
}
