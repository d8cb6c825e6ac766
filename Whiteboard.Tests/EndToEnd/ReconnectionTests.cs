using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>A connection that drops: the person keeps drawing, and nothing is lost or doubled when it is back.</summary>
public sealed class ReconnectionTests : BoardBrowserTest
{
    [Fact]
    public async Task Strokes_drawn_while_the_connection_is_down_reach_the_others_once_when_it_is_back()
    {
        Browser.ExpectFailedRequests();
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        using var client = App.CreateClient();
        await alice.WaitForConnectionAsync("connected");

        // The network goes, and the circuit's connection with it; reconnecting fails while offline.
        await alice.Page.Context.SetOfflineAsync(true);
        await alice.Page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");
        await alice.WaitForConnectionAsync("reconnecting", "offline");
        await alice.DrawAsync([(100, 100), (300, 100)]);
        await alice.DrawAsync([(100, 200), (300, 200)]);
        await alice.WaitForConnectionAsync("offline");
        Assert.False(await bob.HasInkAtAsync(200, 100));
        Assert.True(await alice.HasKeptChangesAsync());

        await alice.Page.Context.SetOfflineAsync(false);
        await alice.WaitForConnectionAsync("connected");
        await bob.WaitForInkAtAsync(200, 100);
        await bob.WaitForInkAtAsync(200, 200);
        await ExportedBoard.WaitForStrokesAsync(client, alice.Key, 2);

        // Dropped and back again with nothing new: what was sent is not sent twice.
        await alice.Page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");
        await alice.WaitForConnectionAsync("connected");
        await alice.DrawAsync([(100, 300), (300, 300)]);
        await bob.WaitForInkAtAsync(200, 300);
        await ExportedBoard.WaitForStrokesAsync(client, alice.Key, 3);
        // Stored is not yet acknowledged: what the page kept at the drop goes once the answers are in.
        await alice.WaitForAllAcknowledgedAsync();
        Assert.False(await alice.HasKeptChangesAsync());
    }
}
