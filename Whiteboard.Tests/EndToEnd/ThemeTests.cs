using Microsoft.Playwright;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>The light and dark theme: each person's own, chosen in the toolbar or taken from the system, kept by their browser.</summary>
public sealed class ThemeTests : BoardBrowserTest
{
    // A point of the board that nothing covers (the people panel is at the top right).
    private const float BlankX = 300;
    private const float BlankY = 400;

    [Fact]
    public async Task The_toggle_darkens_the_board_and_every_page_of_the_app_keeps_it()
    {
        var alice = await CreateBoardAsync();
        await Assertions.Expect(alice.Surface).ToHaveAttributeAsync("data-theme", "light");
        await alice.WaitForShownColorAsync(BlankX, BlankY, IsLight, "a light board");

        await alice.Page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(alice.Surface).ToHaveAttributeAsync("data-theme", "dark");
        await alice.WaitForShownColorAsync(BlankX, BlankY, IsDark, "a dark board");

        await alice.Page.ReloadAsync();
        alice = await BoardPage.ReadyAsync(alice.Page);
        await Assertions.Expect(alice.Surface).ToHaveAttributeAsync("data-theme", "dark");
        await Assertions.Expect(alice.Page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await alice.WaitForShownColorAsync(BlankX, BlankY, IsDark, "a dark board after a reload");

        // The home page, rendered by the server without a circuit, is dark from the start too.
        var board = alice.Page.Url;
        await alice.Page.GotoAsync(App.Address.ToString());
        await alice.Page.GetByTestId("new-board").WaitForAsync();
        Assert.True(IsDark(await BodyColorAsync(alice.Page)), "the home page is not dark");

        // The choice is this person's: someone else's browser still shows the board light.
        await alice.Page.GotoAsync(board);
        alice = await BoardPage.ReadyAsync(alice.Page);
        var bob = await JoinAsync(alice);
        await Assertions.Expect(bob.Surface).ToHaveAttributeAsync("data-theme", "light");

        await alice.Page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(alice.Surface).ToHaveAttributeAsync("data-theme", "light");
        await alice.WaitForShownColorAsync(BlankX, BlankY, IsLight, "a light board again");
    }

    [Fact]
    public async Task A_first_visit_follows_the_system_theme_and_its_changes()
    {
        var alice = await CreateBoardAsync();
        var night = await BoardPage.ReadyAsync(await Browser.OpenAsync(
            new Uri(alice.Page.Url), prepare: page => page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark })));

        await Assertions.Expect(night.Surface).ToHaveAttributeAsync("data-theme", "dark");
        await Assertions.Expect(night.Page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await night.WaitForShownColorAsync(BlankX, BlankY, IsDark, "a dark board");
        Assert.Equal("light", await alice.Surface.GetAttributeAsync("data-theme"));

        // With no choice of its own, the page follows the system when it changes.
        await night.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await Assertions.Expect(night.Page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(night.Surface).ToHaveAttributeAsync("data-theme", "light");
    }

    [Fact]
    public async Task A_first_visit_to_the_home_page_follows_a_dark_system_theme()
    {
        var home = await Browser.OpenAsync(App.Address, prepare: page => page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark }));

        // The server has no cookie to go by on a first visit: what it renders first may not be what the person sees.
        try
        {
            await home.WaitForFunctionAsync(
                $"() => ({BodyColorScript})().every(channel => channel < {DarkChannelLimit})", null, new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the home page is not dark: its background is rgb({string.Join(", ", await BodyColorAsync(home))})");
        }

        await Assertions.Expect(home.GetByTestId("new-board")).ToBeVisibleAsync();
    }

    private const int DarkChannelLimit = 80;

    private const string BodyColorScript = "() => getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number)";

    private static bool IsDark(int[] rgb) => rgb.Take(3).Max() < DarkChannelLimit;

    private static bool IsLight(int[] rgb) => rgb.Take(3).Min() > 200;

    private static async Task<int[]> BodyColorAsync(IPage page) =>
        await page.EvaluateAsync<int[]>(BodyColorScript);
}
