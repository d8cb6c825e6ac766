using System.Net;
using Whiteboard.App.Cluster;
using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Hub;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// Two instances as a deploy runs them (processes on one PostgreSQL and one Redis, HAProxy in front from
/// deploy/haproxy.cfg): they form one cluster, share one key ring, and a browser stays on the instance it landed on.
/// </summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class ClusterTests(PostgreSqlServer server) : IAsyncLifetime
{
    private ClusterOfApps cluster = null!;

    public async Task InitializeAsync()
    {
        cluster = await ClusterOfApps.StartAsync(await server.DatabaseAsync(nameof(ClusterTests)), instances: 2);
        try
        {
            await cluster.StartLoadBalancerAsync();
        }
        catch
        {
            // xUnit does not dispose a test class whose start failed: nothing may stay running.
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task Two_instances_form_one_cluster_and_one_stopped_gracefully_leaves_it()
    {
        var members = await cluster.WaitForActiveMembersAsync(2);

        Assert.Equal(2, members.Select(member => member.Endpoint.Port).Distinct().Count());
        Assert.All(members, member => Assert.Equal(IPAddress.Loopback, member.Endpoint.Address));

        Assert.Equal(0, await cluster.Instances[1].StopAsync());
        await cluster.WaitForActiveMembersAsync(1);
    }

    [Fact]
    public async Task A_participant_token_made_on_one_instance_is_honoured_on_the_other()
    {
        var key = await NewBoard.CreateAsync(cluster.Instances[0].Address);
        await using var onFirst = await BoardHubClient.ConnectAsync(cluster.Instances[0].Address, _ => Task.CompletedTask);
        var first = await onFirst.JoinAsync(key, "Ada");

        await using var onSecond = await BoardHubClient.ConnectAsync(cluster.Instances[1].Address, _ => Task.CompletedTask);
        var second = await onSecond.JoinAsync(key, "Ada", first.Token);

        // A token the instance cannot read is replaced by a new one: a new participant, without the undo history.
        Assert.Equal(first.Token, second.Token);
    }

    [Fact]
    public async Task Through_the_load_balancer_each_browser_stays_on_one_instance_its_circuit_connects_and_the_hub_connects()
    {
        var address = cluster.LoadBalancer!.Address;
        var key = await NewBoard.CreateAsync(address);
        await using var browser = await Browser.LaunchAsync();
        var landedOn = new List<string>();
        for (var person = 0; person < 4; person++)
        {
            var answeredBy = new List<string>();
            var page = await browser.OpenAsync(new Uri(address, $"/b/{key}"), prepare: page =>
            {
                page.Response += (_, response) => answeredBy.Add(response.Headers.GetValueOrDefault(InstanceHeader.Name.ToLowerInvariant(), "none"));
                return Task.CompletedTask;
            });
            // Ready means the circuit connected (its WebSocket reached the instance that made it) and drew the board.
            await BoardPage.ReadyAsync(page);

            var instance = Assert.Single(answeredBy.Distinct());
            Assert.NotEqual("none", instance);
            Assert.Contains(await page.Context.CookiesAsync(), cookie => cookie.Name == "WHITEBOARD_INSTANCE");
            landedOn.Add(instance);
        }

        Assert.Equal(2, landedOn.Distinct().Count());
        await using var program = await BoardHubClient.ConnectAsync(address, _ => Task.CompletedTask);
        Assert.Equal("Program", (await program.JoinAsync(key, "Program")).Name);
        browser.AssertNoPageErrors();
    }
}
