using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
using Whiteboard.App.Hubs;
using Whiteboard.App.Storage;
using Whiteboard.Bench.Hub;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>A test of programs on one new board of an app of its own, through <c>/hubs/board</c>: the clients it keeps are closed at its end.</summary>
public abstract class HubBoardTest : IAsyncLifetime
{
    protected RunningApp App { get; private set; } = null!;

    protected BoardRecord Board { get; private set; } = null!;

    /// <summary>The hub clients closed when the test ends (one the test closes itself is taken out).</summary>
    protected List<BoardHubClient> Clients { get; } = [];

    public async Task InitializeAsync()
    {
        App = await RunningApp.StartAsync();
        Board = await App.Services.GetRequiredService<BoardRooms>().CreateBoardAsync(content: null, CancellationToken.None);
    }

    /// <summary>A program on the board by <paramref name="key"/>, and the updates it is sent, in order; closed at the test's end.</summary>
    protected async Task<(BoardHubClient Client, ChannelReader<HubUpdate> Updates)> JoinListeningAsync(string key, string name)
    {
        var updates = Channel.CreateUnbounded<HubUpdate>();
        var client = await BoardHubClient.ConnectAsync(App.Address, async received =>
        {
            foreach (var update in received)
            {
                await updates.Writer.WriteAsync(update);
            }
        });
        Clients.Add(client);
        await client.JoinAsync(key, name);
        return (client, updates.Reader);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in Clients)
        {
            await client.DisposeAsync();
        }

        await App.DisposeAsync();
    }
}
