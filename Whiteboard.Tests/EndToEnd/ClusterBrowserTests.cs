using Whiteboard.App.Cluster;
using Whiteboard.Bench.Hosting;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>
/// People on one board in browsers, through the load balancer in front of two instances of a cluster (issue 22):
/// they land on different instances and draw, undo and see each other as if on one; when one instance goes, its
/// people come back on the other with nothing lost.
/// </summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class ClusterBrowserTests(PostgreSqlServer server) : IAsyncLifetime
{
    private BrowsersOnACluster running = null!;
    private ClusterOfApps cluster = null!;
    private Browser browser = null!;

    public async Task InitializeAsync()
    {
        running = await BrowsersOnACluster.StartAsync(await server.DatabaseAsync(nameof(ClusterBrowserTests)), 2);
        (cluster, browser) = (running.Cluster, running.Browser);
    }

    public Task DisposeAsync() => running.DisposeAsync().AsTask();

    /// <summary>A person opening the board's link through the load balancer, and the instance that served them.</summary>
    private async Task<(BoardPage Page, string Instance)> OpenAsync(string key)
    {
        var answeredBy = new List<string>();
        var page = await browser.OpenAsync(new Uri(cluster.LoadBalancer!.Address, $"/b/{key}"), prepare: page =>
        {
            page.Response += (_, response) => answeredBy.Add(response.Headers.GetValueOrDefault(InstanceHeader.Name.ToLowerInvariant(), "none"));
            return Task.CompletedTask;
        });
        var ready = await BoardPage.ReadyAsync(page);
        return (ready, Assert.Single(answeredBy.Distinct()));
    }

    [Fact]
    public async Task People_on_different_instances_see_each_others_ink_undo_and_presence_and_a_late_joiner_sees_it_all()
    {
        var key = await NewBoard.CreateAsync(cluster.LoadBalancer!.Address);
        var (alice, aliceOn) = await OpenAsync(key);
        var (bob, bobOn) = await OpenAsync(key);
        Assert.NotEqual(aliceOn, bobOn);
        await alice.WaitForParticipantCountAsync(2);
        await bob.WaitForParticipantCountAsync(2);

        // Alice keeps her pen down: Bob, on the other instance, sees the stroke while it is drawn.
        await alice.DrawAsync([(100, 100), (200, 150), (300, 200)], lift: false);
        await bob.WaitForInkAtAsync(200, 150);
        await alice.LiftAsync();
        await bob.DrawAsync([(400, 300), (500, 300), (600, 300)]);
        await alice.WaitForInkAtAsync(500, 300);

        await bob.Page.GetByTestId("undo").ClickAsync();
        await alice.WaitForNoInkAtAsync(500, 300);
        Assert.True(await alice.HasInkAtAsync(200, 150), "Alice's stroke must stay when Bob undoes his");

        var (carol, _) = await OpenAsync(key);
        await carol.WaitForInkAtAsync(200, 150);
        Assert.False(await carol.HasInkAtAsync(500, 300));
        await alice.WaitForParticipantCountAsync(3);
        await bob.WaitForParticipantCountAsync(3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task When_an_instance_goes_its_people_reload_onto_the_other_with_what_they_drew_meanwhile_once_and_their_undo(bool killed)
    {
        var key = await NewBoard.CreateAsync(cluster.LoadBalancer!.Address);
        var (alice, aliceOn) = await OpenAsync(key);
        var (bob, bobOn) = await OpenAsync(key);
        Assert.NotEqual(aliceOn, bobOn);
        await bob.DrawAsync([(100, 300), (300, 300)]);
        await bob.WaitForAllAcknowledgedAsync();
        await alice.WaitForInkAtAsync(200, 300);

        var bobsInstance = cluster.Instances.Single(instance => bobOn.EndsWith($"/{instance.ProcessId}", StringComparison.Ordinal));
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bob.Page.Load += (_, _) => reloaded.TrySetResult();
        // Bob's page reports its refused connections to the console while his instance is gone.
        browser.ExpectFailedRequests();
        // Watched from before the instance goes: after a graceful stop the page may find the other instance quickly.
        var down = bob.WaitForConnectionAsync("reconnecting", "offline");
        if (killed)
        {
            bobsInstance.Kill();
        }
        else
        {
            // A deploy: the instance is stopped, and its circuits end with it.
            Assert.Equal(0, await bobsInstance.StopAsync());
        }

        // What Bob draws while his page has no server is kept in his browser, and sent once it has one again.
        await down;
        await bob.DrawAsync([(100, 400), (300, 400)]);
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(60));
        bob = await BoardPage.ReadyAsync(bob.Page);
        await alice.WaitForInkAtAsync(200, 400);
        await bob.WaitForInkAtAsync(200, 300);
        using var http = new HttpClient { BaseAddress = cluster.LoadBalancer.Address };
        Assert.Equal(2, (await ExportedBoard.WaitForStrokesAsync(http, key, 2)).Count);

        // He is still himself: his undo takes back his own last stroke.
        await bob.WaitForAllAcknowledgedAsync();
        await bob.Page.GetByTestId("undo").ClickAsync();
        await alice.WaitForNoInkAtAsync(200, 400);
        Assert.True(await alice.HasInkAtAsync(200, 300));
    }
}
