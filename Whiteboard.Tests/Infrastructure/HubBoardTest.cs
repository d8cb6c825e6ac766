using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
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

    public async Task DisposeAsync()
    {
        foreach (var client in Clients)
        {
            await client.DisposeAsync();
        }

        await App.DisposeAsync();
    }
}
