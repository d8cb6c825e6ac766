namespace Whiteboard.App.Boards;

/// <summary>
/// A rate limit over one participant's messages of one kind: a genuine client never meets it; a
/// flood is refused once its burst is spent, and the others on the board do not notice.
/// </summary>
public sealed class TokenBucket(TimeProvider clock, int perSecond, int burst)
{
    private readonly Lock gate = new();
    private double available = burst;
    private long refilledAt = clock.GetTimestamp();

    /// <summary>Takes room for <paramref name="count"/> messages; false (taking nothing) when there is not enough.</summary>
    public bool TryTake(int count)
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            available = Math.Min(burst, available + clock.GetElapsedTime(refilledAt, now).TotalSeconds * perSecond);
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
