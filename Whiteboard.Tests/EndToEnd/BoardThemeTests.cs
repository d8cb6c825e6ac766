using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>
/// On a dark board the default ink is drawn light, and dark again in light mode, so a drawing stays readable in
/// both; the exported picture keeps light mode's colors whatever the theme.
/// </summary>
public sealed class BoardThemeTests : BoardBrowserTest
{
    [Fact]
    public async Task The_default_ink_is_drawn_light_on_a_dark_board_and_exported_dark()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await alice.DrawAsync([(100, 100), (300, 100)]);
        await bob.WaitForShadeAtAsync(200, 100, light: false);

        await bob.Page.GetByTestId("theme-toggle").ClickAsync();
        await bob.WaitForShadeAtAsync(200, 100, light: true);
        // Ink that comes while the board is dark is drawn light too.
        await alice.DrawAsync([(100, 200), (300, 200)]);
        await bob.WaitForShadeAtAsync(200, 200, light: true);
        Assert.True((await bob.ExportedColorAtAsync(200, 100)).Take(3).All(channel => channel < 80), "the exported ink is dark");
        Assert.True((await bob.ExportedColorAtAsync(200, 150)).Take(3).All(channel => channel > 240), "the exported background is white");

        await bob.Page.GetByTestId("theme-toggle").ClickAsync();
        await bob.WaitForShadeAtAsync(200, 100, light: false);
        await bob.WaitForShadeAtAsync(200, 200, light: false);
        await alice.WaitForShadeAtAsync(200, 200, light: false);
    }
}
