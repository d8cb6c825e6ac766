using System.Globalization;
using Microsoft.Playwright;
using Whiteboard.Bench.Hub;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>Who is on the board, where they point, and following someone's view, seen in the browser.</summary>
public sealed class ParticipantsTests : BoardBrowserTest
{
    private const string Markup = "<img src=x onerror=alert(1)>";

    [Fact]
    public async Task Three_people_see_each_others_names_and_cursors_and_one_who_leaves_is_gone()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        var carol = await JoinAsync(alice);
        await alice.SetNameAsync("Alice");
        await bob.SetNameAsync("  Bob  ");
        await carol.SetNameAsync(Markup);
        foreach (var person in new[] { alice, bob, carol })
        {
            await person.WaitForParticipantsAsync("Alice", "Bob", Markup);
        }

        Assert.Equal("Bob", await bob.OwnEntryAsync());
        Assert.Equal(Markup, await carol.OwnEntryAsync());

        // Bob has zoomed in: Alice's cursor is where her board point is under Bob's own view.
        await ZoomInAsync(bob, "125%");
        await alice.PointAtAsync(300, 200);
        var onBob = await bob.OnScreenAsync(300, 200);
        Assert.NotEqual((300f, 200f), onBob);
        await bob.WaitForCursorAsync("Alice", onBob.X, onBob.Y);
        await carol.WaitForCursorAsync("Alice", 300, 200);
        await carol.PointAtAsync(120, 150);
        await alice.WaitForCursorAsync(Markup, 120, 150);
        Assert.Equal(0, await alice.Page.Locator("[data-testid=cursor] img").CountAsync());

        // Someone drawing is marked as drawing while the pen is down.
        await carol.DrawAsync([(100, 300), (200, 320)], lift: false);
        await bob.Page.Locator("[data-testid=participant][data-drawing=true] .participant-name", new() { HasText = "img" }).WaitForAsync();
        // Her cursor goes with her ink, though her page sends no pointer moves while it draws.
        var inkEnd = await bob.OnScreenAsync(200, 320);
        await bob.WaitForCursorAsync(Markup, inkEnd.X, inkEnd.Y);
        await carol.LiftAsync();
        await bob.Page.Locator("[data-testid=participant][data-drawing=true]").WaitForAsync(new() { State = WaitForSelectorState.Detached });

        await alice.Page.CloseAsync();
        foreach (var person in new[] { bob, carol })
        {
            await person.WaitForParticipantsAsync("Bob", Markup);
            await person.WaitForNoCursorAsync("Alice");
        }

        // The name is kept in the browser for next time.
        await bob.Page.ReloadAsync();
        bob = await BoardPage.ReadyAsync(bob.Page);
        Assert.Equal("Bob", await bob.Page.GetByTestId("display-name").InputValueAsync());
        await carol.WaitForParticipantsAsync("Bob", Markup);
    }

    [Fact]
    public async Task Following_someone_shows_their_view_until_you_press_escape_or_pan()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await alice.SetNameAsync("Alice");
        await bob.WaitForParticipantsAsync("Alice", await bob.OwnEntryAsync() ?? "");
        var aliceEntry = bob.Page.Locator("[data-testid=participant]", new() { HasText = "Alice" });

        await aliceEntry.ClickAsync();
        await ZoomInAsync(alice, "125%");
        await ZoomInAsync(alice, "156%");
        await alice.PointAtAsync(400, 300);
        await alice.Page.Mouse.WheelAsync(120, 80);
        var aliceView = await alice.ViewAsync();
        await WaitForViewAsync(bob, aliceView);
        Assert.Equal("true", await aliceEntry.GetAttributeAsync("data-following"));

        await bob.Page.Keyboard.PressAsync("Escape");
        await bob.Page.Locator("[data-testid=participant][data-following]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        var bobsOwn = await bob.ViewAsync();
        await alice.Page.GetByTestId("zoom-out").ClickAsync();
        await alice.Page.GetByTestId("zoom-level").GetByText("125%").WaitForAsync();
        await alice.PointAtAsync(200, 100);
        var after = await alice.ViewAsync();
        var onBob = await bob.OnScreenAsync((200 - after.X) / after.Scale, (100 - after.Y) / after.Scale);
        await bob.WaitForCursorAsync("Alice", onBob.X, onBob.Y);
        Assert.Equal(bobsOwn, await bob.ViewAsync());

        // Following again, then panning by hand: Bob leads his own view again.
        await aliceEntry.ClickAsync();
        await WaitForViewAsync(bob, await alice.ViewAsync());
        await bob.PointAtAsync(500, 400);
        await bob.Page.Mouse.WheelAsync(0, 200);
        await bob.Page.Locator("[data-testid=participant][data-following]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>Zooms in with the toolbar's button, and waits until the page shows the zoom it reaches.</summary>
    private static async Task ZoomInAsync(BoardPage page, string reached)
    {
        await page.Page.GetByTestId("zoom-in").ClickAsync();
        await page.Page.GetByTestId("zoom-level").GetByText(reached).WaitForAsync();
    }

    private static async Task WaitForViewAsync(BoardPage page, (float X, float Y, float Scale) view)
    {
        try
        {
            await page.Page.WaitForFunctionAsync(string.Create(CultureInfo.InvariantCulture, $$"""
                () => {
                    const v = document.querySelector('[data-testid=board-surface]').whiteboard.viewState();
                    return Math.abs(v.x - {{view.X}}) < 1 && Math.abs(v.y - {{view.Y}}) < 1 && Math.abs(v.scale - {{view.Scale}}) < 0.001;
                }
                """), null, new() { Timeout = 10_000, PollingInterval = 50 });
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The view is {await page.ViewAsync()}, not {view}.");
        }
    }

    [Fact]
    public async Task A_classroom_sized_list_opens_to_show_everyone_and_closes_again()
    {
        var alice = await CreateBoardAsync();
        await alice.SetNameAsync("Alice");
        var bots = new List<BoardHubClient>();
        try
        {
            for (var number = 1; number <= 9; number++)
            {
                var bot = await BoardHubClient.ConnectAsync(App.Address, _ => Task.CompletedTask);
                bots.Add(bot);
                await bot.JoinAsync(alice.Key, $"Bot {number}");
            }

            await alice.WaitForParticipantCountAsync(10);
            await alice.WaitForParticipantsAsync(["Alice", .. Enumerable.Range(1, 7).Select(number => $"Bot {number}")]);
            var more = alice.Page.GetByTestId("participants-more");
            Assert.Equal("2 more", (await more.TextContentAsync())?.Trim());

            await more.ClickAsync();
            await alice.WaitForParticipantsAsync(["Alice", .. Enumerable.Range(1, 9).Select(number => $"Bot {number}")]);
            await more.ClickAsync();
            await alice.WaitForParticipantsAsync(["Alice", .. Enumerable.Range(1, 7).Select(number => $"Bot {number}")]);
            }
        finally
        {
            foreach (var bot in bots)
            {
                await bot.DisposeAsync();
            }
        }
    }
}
