using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Hub;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Protocol;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// Restoring a moment on a cluster: a program on the instance that does not hold the board's writer restores the moment
/// before a clear (the writer reads it from the shared PostgreSQL history), and programs on both instances see the board
/// come back, then go again when its author undoes it.
/// </summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class ClusterRestoreTests(PostgreSqlServer server) : ClusterHubTest(server)
{
    /// <summary>Waits until every program shows the board as exported and holds <paramref name="count"/> elements.</summary>
    private static async Task ShownAsync(AppProcess instance, string key, int count, params (BoardHubClient Client, HubShownBoard Shown, List<string> Problems)[] programs)
    {
        using var http = new HttpClient { BaseAddress = instance.Address };
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            var exported = (await ExportedBoard.ReadAsync(http, key)).Select(element => HubShownBoard.Canonical(ElementRecord.Of(element, withAuthor: false))).ToList();
            if ((exported.Count == count && programs.All(program => program.Shown.Elements().SequenceEqual(exported))) || deadline.IsCancellationRequested)
            {
                Assert.All(programs, program => Assert.Empty(program.Problems));
                Assert.Equal(count, exported.Count);
                Assert.All(programs, program => Assert.Equal(exported, program.Shown.Elements()));
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_moment_restored_through_the_other_instance_is_seen_on_both_and_its_undo_too()
    {
        var cluster = await StartAsync(nameof(ClusterRestoreTests), 2);
        var key = await NewBoard.CreateAsync(cluster.Instances[0].Address);
        var ada = await JoinAsync(cluster.Instances[0], key, "Ada bot");
        var bob = await JoinAsync(cluster.Instances[1], key, "Bob bot");
        for (var i = 0; i < 3; i++)
        {
            var stroke = await ada.Client.SubmitAsync([
                new BoardMessage("begin", $"s{i}", Points: [i * 10, 0, 0.5, i * 10 + 5, 5, 0.5], Color: "#1e1e1e", Width: 2),
                new BoardMessage("end", $"s{i}")]);
            Assert.True(stroke.IsAccepted, stroke.Rejection);
        }

        Assert.True((await ada.Client.SubmitAsync([new BoardMessage("clear", Op: "clear")])).IsAccepted);
        await ShownAsync(cluster.Instances[1], key, 0, ada, bob);

        // Three strokes of two operations each: the moment before the clear is 6.
        var restore = await bob.Client.SubmitAsync([new BoardMessage("restore", Op: "back", Sequence: 6)]);
        Assert.True(restore.IsAccepted, restore.Rejection);
        await ShownAsync(cluster.Instances[0], key, 3, ada, bob);

        Assert.True((await bob.Client.SubmitAsync([new BoardMessage("undo", Op: "undo")])).IsAccepted);
        await ShownAsync(cluster.Instances[1], key, 0, ada, bob);
    }
}
