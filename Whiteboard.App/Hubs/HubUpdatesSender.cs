using Microsoft.AspNetCore.SignalR;
using Whiteboard.App.Boards;

namespace Whiteboard.App.Hubs;

/// <summary>
/// Sends one hub connection its updates ("Updates" messages, <see cref="HubUpdate.MessagesOf"/>), each batch after
/// the one before has gone: a large snapshot goes in several messages, and nothing of a later batch may come
/// between them.
/// </summary>
internal sealed class HubUpdatesSender(IClientProxy connection, CancellationToken closed)
{
    private readonly Lock gate = new();
    private Task sending = Task.CompletedTask;

    /// <summary>Sends a batch once those before it are sent; done when its last message is handed to the connection.</summary>
    public Task SendAsync(IReadOnlyList<RoomUpdate> batch)
    {
        lock (gate)
        {
            return sending = SendAfterAsync(sending, batch);
        }
    }

    private async Task SendAfterAsync(Task before, IReadOnlyList<RoomUpdate> batch)
    {
        // A batch before that failed is its own caller's to observe; this one still goes.
        await before.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var message in HubUpdate.MessagesOf(batch))
        {
            // The rest of a large snapshot is not written for a connection that has gone.
            if (closed.IsCancellationRequested)
            {
                return;
            }

            await connection.SendAsync("Updates", message);
        }
    }
}
