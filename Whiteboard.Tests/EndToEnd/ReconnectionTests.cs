using System.Text.Json;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>A connection that drops: the person keeps drawing, and nothing is lost or doubled when it is back.</summary>
public sealed class ReconnectionTests : BoardBrowserTest
{
    [Fact]
    public async Task Strokes_drawn_while_the_connection_is_down_reach_the_others_once_when_it_is_back()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await alice.WaitForConnectionAsync("connected");

        // The network goes, and the circuit's connection with it; reconnecting fails while offline.
        await alice.Page.Context.SetOfflineAsync(true);
        await alice.Page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");
        await alice.WaitForConnectionAsync("reconnecting", "offline");
        await alice.DrawAsync([(100, 100), (300, 100)]);
        await alice.DrawAsync([(100, 200), (300, 200)]);
        await alice.WaitForConnectionAsync("offline");
        Assert.False(await bob.HasInkAtAsync(200, 100));
        Assert.NotNull(await alice.Page.EvaluateAsync<string?>("() => Object.keys(localStorage).find(key => key.startsWith('whiteboard.outbox.'))"));

        await alice.Page.Context.SetOfflineAsync(false);
        await alice.WaitForConnectionAsync("connected");
        await bob.WaitForInkAtAsync(200, 100);
        await bob.WaitForInkAtAsync(200, 200);
        await WaitForStrokesAsync(alice, 2);

        // Dropped and back again with nothing new: what was sent is not sent twice.
        await alice.Page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");
        await alice.WaitForConnectionAsync("connected");
        await alice.DrawAsync([(100, 300), (300, 300)]);
        await bob.WaitForInkAtAsync(200, 300);
        await WaitForStrokesAsync(alice, 3);
        Assert.Null(await alice.Page.EvaluateAsync<string?>("() => Object.keys(localStorage).find(key => key.startsWith('whiteboard.outbox.'))"));
        // Page errors are not checked here: the browser reports the refused connections of the outage as console errors.
    }

    /// <summary>Waits until the board's JSON export holds exactly this many strokes (and nothing else); fails at once on more.</summary>
    private async Task WaitForStrokesAsync(BoardPage on, int count)
    {
        using var client = App.CreateClient();
        var export = new Uri($"{new Uri(on.Page.Url).AbsolutePath}/export.json", UriKind.Relative);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var elements = 0;
        while (!deadline.IsCancellationRequested)
        {
            using var document = JsonDocument.Parse(await client.GetStringAsync(export, deadline.Token));
            var all = document.RootElement.GetProperty("elements").EnumerateArray().ToList();
            elements = all.Count;
            if (elements == count && all.All(element => element.GetProperty("type").GetString() == "stroke"))
            {
                return;
            }

            Assert.True(elements <= count, $"the board holds {elements} elements; {count} strokes were drawn");
            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }

        Assert.Fail($"the board held {elements} elements, not {count} strokes");
    }
}
