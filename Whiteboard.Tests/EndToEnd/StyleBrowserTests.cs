using System.Globalization;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>Fills, dashed lines and restyling (issue 23, item 4), as two people see them.</summary>
public sealed class StyleBrowserTests : BoardBrowserTest
{
    private static readonly int[] Blue = [0x19, 0x71, 0xc2];
    private static readonly int[] Red = [0xe0, 0x31, 0x31];

    private static bool IsColor(int[] pixel, int[] color) =>
        pixel[3] > 200 && Enumerable.Range(0, 3).All(i => Math.Abs(pixel[i] - color[i]) < 12);

    /// <summary>Chooses a part of the style in the toolbar, and waits until the page draws with it.</summary>
    private static async Task ChooseAsync(BoardPage person, string control, string attribute, string value, string part)
    {
        await person.Page.Locator($"[data-testid={control}] [data-{attribute}='{value}']").ClickAsync();
        await person.Page.WaitForFunctionAsync(
            $"() => (document.querySelector('[data-testid=board-surface]').whiteboard.style.{part} ?? 'none') === '{value}'");
    }

    /// <summary>Which of the points along a line of the board the published canvas paints (alpha above half).</summary>
    private static async Task<bool[]> InkAlongAsync(BoardPage person, float y, int fromX, int toX) =>
        await person.Page.EvaluateAsync<bool[]>(string.Create(CultureInfo.InvariantCulture, $$"""
            () => {
                const canvas = document.querySelector('[data-testid=board-dry]');
                const ratio = canvas.width / canvas.getBoundingClientRect().width;
                const ctx = canvas.getContext('2d');
                const inked = [];
                for (let x = {{fromX}}; x <= {{toX}}; x++) inked.push(ctx.getImageData(Math.round(x * ratio), Math.round({{y}} * ratio), 1, 1).data[3] > 128);
                return inked;
            }
            """));

    [Fact]
    public async Task A_dashed_filled_rectangle_shows_on_the_peer_filled_inside_with_gaps_along_its_outline_and_so_in_the_png()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);

        await ChooseAsync(alice, "fill-color", "fill", "#1971c2", "fill");
        await ChooseAsync(alice, "line-style", "line", "dashed", "line");
        await alice.ChooseToolAsync("rect");
        await alice.DrawAsync([(100, 100), (400, 300)]);

        await bob.WaitForInkAtAsync(250, 200);
        Assert.True(IsColor(await bob.ColorAtAsync(250, 200), Blue), $"inside: rgba({string.Join(", ", await bob.ColorAtAsync(250, 200))})");
        // Just above the top edge (the outline is 4 wide): dashes 12 long and gaps 12 long (LineDashes: 3 and 3 times the width).
        var along = await InkAlongAsync(bob, 99, 110, 390);
        Assert.Contains(true, along);
        Assert.Contains(false, along);
        Assert.True(along.Count(inked => !inked) > along.Length / 5, $"gaps: {along.Count(inked => !inked)} of {along.Length}");

        Assert.True(IsColor(await alice.ExportedColorAtAsync(250, 200), Blue), "the PNG export is filled");
        var gap = Array.IndexOf(along, false) + 110;
        var exported = await alice.ExportedColorAtAsync(gap, 99);
        Assert.Equal("255 255 255", string.Join(' ', exported.Take(3)));
    }

    [Fact]
    public async Task Restyling_a_selected_shape_shows_on_the_peer_and_one_undo_takes_it_back()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await alice.ChooseToolAsync("rect");
        await alice.DrawAsync([(100, 100), (400, 300)]);
        await bob.WaitForInkAtAsync(100, 200);
        Assert.False(await bob.HasInkAtAsync(250, 200), "drawn without a fill");

        await alice.ChooseToolAsync("select");
        await alice.DrawAsync([(100, 200)]);
        await alice.Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=board-surface]').whiteboard.selection?.ids.length === 1");
        // The toolbar shows the selection's style: no fill, a solid line.
        await alice.Page.Locator("[data-testid=fill-color][data-value=none]").WaitForAsync();
        await alice.Page.Locator("[data-testid=fill-color] [data-fill='#e03131']").ClickAsync();

        await bob.WaitForInkAtAsync(250, 200);
        Assert.True(IsColor(await bob.ColorAtAsync(250, 200), Red), $"inside: rgba({string.Join(", ", await bob.ColorAtAsync(250, 200))})");
        await alice.Page.Locator("[data-testid=fill-color][data-value='#e03131']").WaitForAsync();

        await alice.Page.GetByTestId("undo").ClickAsync();
        await bob.WaitForNoInkAtAsync(250, 200);
        Assert.True(await bob.HasInkAtAsync(100, 200), "undo takes back the fill, not the rectangle");
    }
}
