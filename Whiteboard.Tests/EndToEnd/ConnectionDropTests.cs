using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>
/// The circuit's connection drops (a server restart, a proxy's idle timeout) and the person draws at once:
/// no call into .NET rejects unhandled in the page, and the ink reaches the others once the connection is back.
/// </summary>
public sealed class ConnectionDropTests : BoardBrowserTest
{
    /// <summary>Drops in a row: the error it guards against came in about half of the drops before.</summary>
    private const int Drops = 4;

    [Fact]
    public async Task Drawing_at_once_after_a_drop_with_the_browser_online_raises_no_page_error()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await alice.WaitForConnectionAsync("connected");

        for (var drop = 0; drop < Drops; drop++)
        {
            var y = 100 + 100 * drop;
            await DropConnectionAndDrawAsync(alice, y);
            await bob.WaitForInkAtAsync(200, y);
            await alice.WaitForConnectionAsync("connected");
        }

        await alice.WaitForAllAcknowledgedAsync();
    }

    [Fact]
    public async Task Drawing_at_once_after_a_drop_with_the_browser_offline_raises_no_uncaught_error()
    {
        Browser.ExpectFailedRequests();
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await alice.WaitForConnectionAsync("connected");

        for (var drop = 0; drop < Drops; drop++)
        {
            var y = 100 + 100 * drop;
            await alice.Page.Context.SetOfflineAsync(true);
            await DropConnectionAndDrawAsync(alice, y);
            await alice.WaitForConnectionAsync("reconnecting", "offline");
            await alice.Page.Context.SetOfflineAsync(false);
            await bob.WaitForInkAtAsync(200, y);
            await alice.WaitForConnectionAsync("connected");
        }

        await alice.WaitForAllAcknowledgedAsync();
    }

    /// <summary>
    /// Closes the circuit's connection and, while it is still closing, moves the mouse over the board (which
    /// tells the others where it is) and draws a line across it at <paramref name="y"/>.
    /// </summary>
    private static Task DropConnectionAndDrawAsync(BoardPage page, float y) =>
        page.SendPointerAsync("mouse",
            [("pointermove", 1, 50, y), ("pointerdown", 1, 100, y), ("pointermove", 1, 200, y), ("pointermove", 1, 300, y), ("pointerup", 1, 300, y)],
            before: "Blazor._internal.forceCloseConnection();");
}
