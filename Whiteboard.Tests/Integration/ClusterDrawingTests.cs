using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Hub;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Protocol;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// One board drawn on from several instances of a cluster (processes on one PostgreSQL and one Redis), through the hub
/// (issue 22): one order of events for everyone on every instance, and nothing acknowledged lost or applied twice when
/// the instance holding the board's writer is killed.
/// </summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class ClusterDrawingTests(PostgreSqlServer server) : ClusterHubTest(server)
{
    private static BoardMessage Stroke(string id, int x, int y) =>
        new("begin", id, Points: [x, y, 0.5, x + 5, y + 5, 0.5], Color: "#1e1e1e", Width: 2);

    /// <summary>Waits until every program shows the board as exported, element for element and in order.</summary>
    private static async Task ConvergedAsync(AppProcess instance, string key, params (BoardHubClient Client, HubShownBoard Shown, List<string> Problems)[] programs)
    {
        using var http = new HttpClient { BaseAddress = instance.Address };
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            var exported = (await ExportedBoard.ReadAsync(http, key)).Select(element => HubShownBoard.Canonical(ElementRecord.Of(element, withAuthor: false))).ToList();
            if (programs.All(program => program.Shown.Elements().SequenceEqual(exported)) || deadline.IsCancellationRequested)
            {
                Assert.All(programs, program => Assert.Empty(program.Problems));
                Assert.All(programs, program => Assert.Equal(exported, program.Shown.Elements()));
                Assert.Equal(exported.Count, exported.Distinct().Count());
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }
    }

    [Fact]
    public async Task Programs_on_two_instances_drawing_at_once_see_one_order_and_a_late_joiner_on_either_sees_it_all()
    {
        var apps = await StartAsync(nameof(Programs_on_two_instances_drawing_at_once_see_one_order_and_a_late_joiner_on_either_sees_it_all), 2);
        var key = await NewBoard.CreateAsync(apps.Instances[0].Address);
        var ada = await JoinAsync(apps.Instances[0], key, "Ada bot");
        var bob = await JoinAsync(apps.Instances[1], key, "Bob bot");

        const int strokes = 40;
        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (var i = 0; i < strokes; i++)
                {
                    Assert.True((await ada.Client.SubmitAsync([Stroke($"ada{i}", i * 10, 0), new BoardMessage("end", $"ada{i}")])).IsAccepted);
                }
            }),
            Task.Run(async () =>
            {
                for (var i = 0; i < strokes; i++)
                {
                    Assert.True((await bob.Client.SubmitAsync([Stroke($"bob{i}", i * 10, 100), new BoardMessage("end", $"bob{i}")])).IsAccepted);
                }
            })).WaitAsync(Patience);

        var late = await JoinAsync(apps.Instances[1], key, "Cy bot");
        await ConvergedAsync(apps.Instances[0], key, ada, bob, late);
        Assert.Equal(2 * strokes, ada.Shown.Ids().Count);
    }

    [Fact]
    public async Task When_the_instance_holding_the_writer_is_killed_drawing_on_the_others_goes_on_and_nothing_acknowledged_is_lost_or_twice()
    {
        var apps = await StartAsync(nameof(When_the_instance_holding_the_writer_is_killed_drawing_on_the_others_goes_on_and_nothing_acknowledged_is_lost_or_twice), 3);
        var key = await NewBoard.CreateAsync(apps.Instances[0].Address);
        // The first room to ask for the board's writer holds it: the first instance's.
        var holder = await JoinAsync(apps.Instances[0], key, "Holder bot");
        Assert.True((await holder.Client.SubmitAsync([Stroke("first", 0, 0), new BoardMessage("end", "first")])).IsAccepted);
        var ada = await JoinAsync(apps.Instances[1], key, "Ada bot");
        var bob = await JoinAsync(apps.Instances[2], key, "Bob bot");

        var acknowledged = new List<string> { "first" };
        using var stop = new CancellationTokenSource();
        async Task DrawAsync((BoardHubClient Client, HubShownBoard Shown, List<string> Problems) program, string name)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = $"{name}{i}";
                // What was refused while the writer came back is sent again, with the same id, as a page's outbox does.
                while (!(await program.Client.SubmitAsync([Stroke(id, i, name.Length * 10), new BoardMessage("end", id)])).IsAccepted)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100));
                }

                lock (acknowledged)
                {
                    acknowledged.Add(id);
                }
            }
        }

        var drawing = Task.WhenAll(Task.Run(() => DrawAsync(ada, "ada")), Task.Run(() => DrawAsync(bob, "bob")));
        await WaitUntilAsync(() => acknowledged.Count >= 20);
        apps.Instances[0].Kill();
        var killedAt = acknowledged.Count;
        await WaitUntilAsync(() => acknowledged.Count >= killedAt + 40);
        await stop.CancelAsync();
        await drawing.WaitAsync(Patience);

        await ConvergedAsync(apps.Instances[1], key, ada, bob);
        Assert.Equal(acknowledged.Order(), ada.Shown.Ids().Order());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }
}
