using Whiteboard.Bench.Hosting;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>
/// A cluster of the app behind its load balancer, and a browser to open pages through it: started together, stopped
/// together, every page checked for errors on the way out.
/// </summary>
public sealed class BrowsersOnACluster : IAsyncDisposable
{
    private BrowsersOnACluster(ClusterOfApps cluster, Browser browser) => (Cluster, Browser) = (cluster, browser);

    public ClusterOfApps Cluster { get; }

    public Browser Browser { get; }

    public static async Task<BrowsersOnACluster> StartAsync(string database, int instances)
    {
        var cluster = await ClusterOfApps.StartAsync(database, instances);
        try
        {
            await cluster.WaitForActiveMembersAsync(instances);
            await cluster.StartLoadBalancerAsync(instances);
            return new BrowsersOnACluster(cluster, await Browser.LaunchAsync());
        }
        catch
        {
            // xUnit does not dispose a test class whose start failed: nothing may stay running.
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Browser.AssertNoPageErrors();
        }
        finally
        {
            await Browser.DisposeAsync();
            await Cluster.DisposeAsync();
        }
    }
}
