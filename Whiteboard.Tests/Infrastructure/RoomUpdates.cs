using Whiteboard.App.Boards;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>What the tests of rooms wait for: a subscription's next update of a kind, a submission accepted.</summary>
public static class RoomUpdates
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>The subscription's next update of this kind that matches, passing over the others; fails after 10 s without one.</summary>
    public static async Task<T> NextAsync<T>(RoomSubscription subscription, Func<T, bool>? matching = null)
        where T : RoomUpdate
    {
        while (true)
        {
            var update = await subscription.Updates.ReadAsync().AsTask().WaitAsync(Patience);
            if (update is T wanted && (matching is null || matching(wanted)))
            {
                return wanted;
            }
        }
    }

    public static async Task AcceptedAsync(Task<SubmitResult> submitting)
    {
        var result = await submitting.WaitAsync(Patience);
        Assert.True(result.IsAccepted, result.Rejection);
    }
}
