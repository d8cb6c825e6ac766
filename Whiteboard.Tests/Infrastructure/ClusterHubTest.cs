using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Hub;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>
/// A test of hub programs on a cluster of app processes (one PostgreSQL database of the shared server, one Redis): the
/// cluster a test starts and the programs it joins are stopped at its end.
/// </summary>
public abstract class ClusterHubTest(PostgreSqlServer server) : IAsyncLifetime
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<BoardHubClient> clients = [];
    private ClusterOfApps? cluster;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>A cluster of <paramref name="instances"/> on a database of its own, once every instance is a member.</summary>
    protected async Task<ClusterOfApps> StartAsync(string database, int instances)
    {
        cluster = await ClusterOfApps.StartAsync(await server.DatabaseAsync(database), instances);
        await cluster.WaitForActiveMembersAsync(instances);
        return cluster;
    }

    /// <summary>A hub program on the board through one instance, keeping the board as it was shown it.</summary>
    protected async Task<(BoardHubClient Client, HubShownBoard Shown, List<string> Problems)> JoinAsync(AppProcess instance, string key, string name)
    {
        var problems = new List<string>();
        var shown = new HubShownBoard(problems);
        var client = await BoardHubClient.ConnectAsync(instance.Address, shown.ReceiveAsync);
        clients.Add(client);
        await client.JoinAsync(key, name);
        return (client, shown, problems);
    }
}
