using System.Net;
using Npgsql;
using Whiteboard.App.Cluster;
using Whiteboard.Bench.Hosting;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>The load balancer's health check (deploy/haproxy.cfg) takes an instance whose store is down out of rotation.</summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class ClusterRotationTests(PostgreSqlServer server)
{
    /// <summary>The second instance's own database user: refusing it cuts that instance alone off the shared database.</summary>
    private const string SecondUser = "cluster_rotation_second";

    [Fact]
    public async Task An_instance_whose_store_is_down_drops_out_of_rotation_and_its_browsers_go_to_the_other()
    {
        var database = await server.DatabaseAsync(nameof(ClusterRotationTests));
        await ExecuteAsync(database, $"CREATE ROLE {SecondUser} LOGIN SUPERUSER");
        var second = new NpgsqlConnectionStringBuilder(database) { Username = SecondUser }.ConnectionString;
        await using var cluster = await ClusterOfApps.StartAsync([database, second]);
        var balancer = await cluster.StartLoadBalancerAsync();
        var (first, onSecond) = (await InstanceOfAsync(cluster.Instances[0].Address), await InstanceOfAsync(cluster.Instances[1].Address));
        // A browser that landed on the second instance keeps the balancer's cookie naming it.
        var stuckToSecond = new CookieContainer();
        await WaitForAsync(async () => await InstanceOfAsync(balancer.Address, stuckToSecond) == onSecond, "a browser landing on the second instance");

        await ExecuteAsync(database, $"""
            ALTER ROLE {SecondUser} NOLOGIN;
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{SecondUser}';
            """);

        using (var direct = new HttpClient { BaseAddress = cluster.Instances[1].Address })
        {
            await WaitForAsync(async () => (await direct.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode == HttpStatusCode.ServiceUnavailable,
                "the second instance's health answering 503");
        }

        await WaitForAsync(async () => await InstanceOfAsync(balancer.Address, stuckToSecond) == first, "the second instance's browser being sent to the first");
        for (var newcomer = 0; newcomer < 4; newcomer++)
        {
            Assert.Equal(first, await InstanceOfAsync(balancer.Address));
        }
    }

    /// <summary>Which instance answers a page's request at <paramref name="address"/>, with the browser's cookies.</summary>
    private static async Task<string> InstanceOfAsync(Uri address, CookieContainer? cookies = null)
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer() }) { BaseAddress = address };
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        return response.Headers.GetValues(InstanceHeader.Name).Single();
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited 20 s for {what}.");
            }
        }
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
