using Whiteboard.Bench.Hosting;
using Whiteboard.Shared.Elements;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>
/// A board that says it is ready answers its toolbar at once: a quick person who opens a board, chooses a
/// tool and drags in the same breath draws with that tool, even on a slow link, and text typed at once is kept.
/// </summary>
public sealed class PageReadinessTests : BoardBrowserTest
{
    /// <summary>Each way, on the slow link: a quick person's drag starts long before the server hears of the click.</summary>
    private static readonly TimeSpan SlowLink = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task A_tool_chosen_as_the_board_opens_draws_the_next_drag()
    {
        var alice = await CreateBoardAsync();
        for (var page = 0; page < 5; page++)
        {
            await ChooseRectangleAndDragOnAFreshPageAsync(alice, App.Address, top: 40 + 120 * page);
        }

    }

    [Fact]
    public async Task A_tool_chosen_as_the_board_opens_draws_the_next_drag_on_a_slow_link()
    {
        var alice = await CreateBoardAsync();
        await using var link = DelayedLink.Start(App.Address, SlowLink);
        for (var page = 0; page < 3; page++)
        {
            await ChooseRectangleAndDragOnAFreshPageAsync(alice, link.Address, top: 40 + 120 * page);
        }

    }

    [Fact]
    public async Task Text_typed_as_the_board_opens_is_kept()
    {
        var alice = await CreateBoardAsync();
        await using var link = DelayedLink.Start(App.Address, SlowLink);
        var bob = await OpenFreshAsync(alice, link.Address);

        await bob.ChooseToolAsync("text");
        await bob.DrawAsync([(100, 100)]);
        await bob.Page.Keyboard.TypeAsync("Hello eve");
        await bob.Page.Keyboard.PressAsync("Enter");

        await alice.WaitForInkAtAsync(112, 108);
        using var client = App.CreateClient();
        var text = Assert.IsType<Text>(Assert.Single(await ExportedBoard.ReadAsync(client, alice.Key)));
        Assert.Equal("Hello eve", text.Content);
    }

    /// <summary>
    /// Opens the board in a browser context of its own through <paramref name="address"/> and, once it says it is
    /// ready, chooses the rectangle and drags at once; the peer's canvas shows a rectangle's outline, not a pen's line.
    /// </summary>
    private async Task ChooseRectangleAndDragOnAFreshPageAsync(BoardPage peer, Uri address, float top)
    {
        var fresh = await OpenFreshAsync(peer, address);
        await fresh.ChooseToolAsync("rect");
        await fresh.DrawAsync([(100, top), (300, top + 80)]);

        await peer.WaitForInkAtAsync(300, top + 80);
        Assert.True(await peer.HasInkAtAsync(100, top + 40), "a rectangle's left side is drawn");
        Assert.False(await peer.HasInkAtAsync(200, top + 40), "a pen's line through the middle is not");
        await fresh.Page.Context.CloseAsync();
    }

    private async Task<BoardPage> OpenFreshAsync(BoardPage someone, Uri address) =>
        await BoardPage.ReadyAsync(await Browser.OpenAsync(new Uri(address, $"/b/{someone.Key}")));
}
