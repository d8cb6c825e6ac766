using System.Diagnostics;
using Microsoft.Playwright;
using Whiteboard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>The chat beside the board, between two browsers: what one sends shows on the other's panel, and stays after a reload.</summary>
public sealed class ChatBrowserTests(ITestOutputHelper output) : BoardBrowserTest
{
    private static readonly LocatorWaitForOptions Patience = new() { Timeout = 10_000 };

    private static async Task SendAsync(BoardPage page, string text)
    {
        await page.Page.GetByTestId("chat-input").FillAsync(text);
        await page.Page.GetByTestId("chat-send").ClickAsync();
    }

    private static ILocator MessagesBy(BoardPage page, string author) =>
        page.Page.Locator($"[data-testid=chat-message][data-author='{author}']");

    [Fact]
    public async Task A_message_shows_on_the_others_panel_with_an_unread_count_and_survives_a_reload()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await alice.SetNameAsync("Alice");
        await bob.WaitForParticipantsAsync("Alice", await bob.OwnEntryAsync() ?? "");
        await alice.Page.GetByTestId("chat-toggle").ClickAsync();

        // The send-to-shown latency (docs/performance.md): from the press of "Send" until the other's count shows it.
        await alice.Page.GetByTestId("chat-input").FillAsync("Read <b>this</b>: https://example.org/notes");
        var sending = Stopwatch.StartNew();
        await alice.Page.GetByTestId("chat-send").ClickAsync();
        await bob.Page.GetByTestId("chat-unread").Filter(new() { HasText = "1" }).WaitForAsync(Patience);
        output.WriteLine($"Sent to shown on the other's panel: {sending.ElapsedMilliseconds} ms");

        await bob.Page.GetByTestId("chat-toggle").ClickAsync();
        var message = MessagesBy(bob, "Alice");
        await message.WaitForAsync(Patience);
        Assert.Equal("Read <b>this</b>: https://example.org/notes", await message.Locator(".chat-text").TextContentAsync());
        var link = message.Locator("a");
        Assert.Equal(("https://example.org/notes", "_blank", "noopener noreferrer"),
            (await link.GetAttributeAsync("href"), await link.GetAttributeAsync("target"), await link.GetAttributeAsync("rel")));
        Assert.Equal(0, await bob.Page.GetByTestId("chat-unread").CountAsync());

        // A refused message says why to its sender and reaches nobody: the next one is the second Bob sees.
        await SendAsync(alice, " \n ");
        await alice.Page.GetByText("A chat message must not be empty.").WaitForAsync(Patience);
        await SendAsync(alice, "Sorry, too long");
        await MessagesBy(bob, "Alice").Nth(1).Filter(new() { HasText = "Sorry, too long" }).WaitForAsync(Patience);
        Assert.Equal(2, await MessagesBy(bob, "Alice").CountAsync());

        await bob.Page.ReloadAsync();
        bob = await BoardPage.ReadyAsync(bob.Page);
        await bob.Page.GetByTestId("chat-toggle").ClickAsync();
        await MessagesBy(bob, "Alice").Nth(1).WaitForAsync(Patience);
        Assert.Equal(["Read <b>this</b>: https://example.org/notes", "Sorry, too long"],
            await MessagesBy(bob, "Alice").Locator(".chat-text").AllTextContentsAsync());
    }
}
