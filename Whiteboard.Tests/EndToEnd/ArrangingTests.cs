using System.Text.Json;
using Microsoft.Playwright;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>Resizing by a handle, duplicating, copying and pasting between boards, and the drawing order, as the peers see them.</summary>
public sealed class ArrangingTests : BoardBrowserTest
{
    private const string Whiteboard = "document.querySelector('[data-testid=board-surface]').whiteboard";

    private static readonly PageWaitForFunctionOptions Patience = new() { Timeout = 10_000, PollingInterval = 50 };

    private static readonly string[] ClipboardPermissions = ["clipboard-read", "clipboard-write"];

    /// <summary>The selection's box, in board units, as the page holds it.</summary>
    private static async Task<(float MinX, float MinY, float MaxX, float MaxY)> SelectionBoundsAsync(BoardPage person)
    {
        var bounds = await person.Page.EvaluateAsync<JsonElement>($"() => {Whiteboard}.selection.bounds");
        return (bounds.GetProperty("minX").GetSingle(), bounds.GetProperty("minY").GetSingle(),
            bounds.GetProperty("maxX").GetSingle(), bounds.GetProperty("maxY").GetSingle());
    }

    [Fact]
    public async Task Resizing_a_shape_by_its_corner_handle_shows_on_the_peer_and_one_undo_takes_it_back()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await alice.ChooseToolAsync("rect");
        await alice.DrawAsync([(100, 100), (300, 250)]);
        await bob.WaitForInkAtAsync(300, 175);

        await alice.SelectAtAsync(100, 175);
        var (minX, minY, maxX, maxY) = await SelectionBoundsAsync(alice);
        // The bottom right handle sits on the selection box's corner, 4 pixels out from the rectangle's ink.
        var (handleX, handleY) = await alice.SelectionHandleAsync(2);
        await alice.DrawAsync([(handleX, handleY), (handleX + 100, handleY + 100)]);

        // The box grew 100 units each way from its top left corner: the right edge lies where x = 300 lands in it.
        var rightEdge = minX + (300 - minX) * (maxX - minX + 100) / (maxX - minX);
        var bottomEdge = minY + (250 - minY) * (maxY - minY + 100) / (maxY - minY);
        await bob.WaitForInkAtAsync(MathF.Round(rightEdge), 200);
        await bob.WaitForInkAtAsync(200, MathF.Round(bottomEdge));
        await bob.WaitForNoInkAtAsync(300, 175);

        await alice.Page.Keyboard.PressAsync("Control+z");
        await bob.WaitForInkAtAsync(300, 175);
        await bob.WaitForNoInkAtAsync(MathF.Round(rightEdge), 200);
    }

    [Fact]
    public async Task Ctrl_D_duplicates_the_selection_beside_it_and_one_undo_takes_the_copies_away()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await alice.DrawAsync([(100, 400), (300, 400)]);
        await alice.DrawAsync([(100, 500), (300, 500)]);
        await bob.WaitForInkAtAsync(200, 500);

        await alice.ChooseToolAsync("select");
        await alice.DrawAsync([(80, 380), (320, 520)]);
        await Assertions.Expect(alice.Page.GetByTestId("selection-bar")).ToBeVisibleAsync();
        await alice.Page.Keyboard.PressAsync("Control+d");

        // Copies lie 16 units right of and below what they copy.
        await bob.WaitForInkAtAsync(200, 416);
        await bob.WaitForInkAtAsync(200, 516);
        // The copies are what is selected now: the selection's box starts 16 units further on.
        await alice.Page.WaitForFunctionAsync($"() => {Whiteboard}.selection?.bounds.maxY > 514", null, Patience);

        await alice.Page.Keyboard.PressAsync("Control+z");
        await bob.WaitForNoInkAtAsync(200, 416);
        await bob.WaitForNoInkAtAsync(200, 516);
        Assert.True(await bob.HasInkAtAsync(200, 400), "the undo takes away only the copies");
    }

    [Fact]
    public async Task Elements_copied_on_one_board_are_pasted_on_another_where_the_pointer_is()
    {
        var alice = await CreateBoardAsync();
        await alice.Page.Context.GrantPermissionsAsync(ClipboardPermissions);
        await alice.DrawAsync([(100, 400), (300, 400)]);
        await alice.WaitForInkAtAsync(200, 400);
        await alice.SelectAtAsync(200, 400);
        await alice.Page.Keyboard.PressAsync("Control+c");
        await alice.Page.WaitForFunctionAsync("async () => (await navigator.clipboard.readText()).includes('whiteboard-clipboard')", null, Patience);
        var copied = await alice.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()");

        var carol = await CreateBoardAsync();
        await carol.Page.Context.GrantPermissionsAsync(ClipboardPermissions);
        var dave = await JoinAsync(carol);
        await carol.Page.EvaluateAsync("text => navigator.clipboard.writeText(text)", copied);
        var box = (await carol.Surface.BoundingBoxAsync())!;
        await carol.Page.Mouse.MoveAsync(box.X + 500, box.Y + 200);
        await carol.Page.Keyboard.PressAsync("Control+v");

        // The stroke, 200 units long with its ends rounded, is centred where Carol's pointer is.
        await dave.WaitForInkAtAsync(500, 200);
        await dave.WaitForInkAtAsync(420, 200);
        Assert.False(await dave.HasInkAtAsync(200, 400), "the paste lies where the pointer is, not where it was copied from");
    }

    [Fact]
    public async Task A_paste_of_anything_but_the_apps_elements_adds_nothing_and_says_why()
    {
        var carol = await CreateBoardAsync();
        await carol.Page.Context.GrantPermissionsAsync(ClipboardPermissions);
        var dave = await JoinAsync(carol);
        await carol.Page.EvaluateAsync("() => navigator.clipboard.writeText('{\"format\":\"whiteboard\",\"version\":2,\"elements\":[]}')");
        var box = (await carol.Surface.BoundingBoxAsync())!;
        await carol.Page.Mouse.MoveAsync(box.X + 500, box.Y + 200);
        await carol.Page.Keyboard.PressAsync("Control+v");

        await Assertions.Expect(carol.Notices).ToContainTextAsync("Nothing pasted: The clipboard does not hold Whiteboard elements");
        // A stroke drawn after it is the first thing the peer sees: the refused paste sent nothing before it.
        await carol.DrawAsync([(100, 100), (200, 100)]);
        await dave.WaitForInkAtAsync(150, 100);
        Assert.Equal(1, await dave.Page.EvaluateAsync<int>($"() => {Whiteboard}.display.elements.size"));
    }

    [Fact]
    public async Task A_stroke_sent_to_the_back_is_under_the_one_it_crossed_on_the_peers_canvas()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await alice.ChooseAsync("#e03131", widthSteps: 8);
        await alice.DrawAsync([(100, 300), (500, 300)]);
        await alice.ChooseAsync("#1971c2", widthSteps: 0);
        await alice.DrawAsync([(300, 150), (300, 450)]);
        await bob.WaitForInkAtAsync(300, 200);
        Assert.True(IsBlue(await bob.ColorAtAsync(300, 300)), "the later stroke is drawn over the earlier one");

        await alice.SelectAtAsync(300, 200);
        await alice.Page.Keyboard.PressAsync("[");
        await bob.Page.WaitForFunctionAsync(RedAt(300, 300), null, Patience);
        var exported = await bob.ExportedColorAtAsync(300, 300);
        Assert.True(exported[0] > 200 && exported[2] < 90, $"the PNG export draws in the same order: {string.Join(',', exported)}");

        await alice.Page.GetByTestId("bring-to-front").ClickAsync();
        await bob.Page.WaitForFunctionAsync($"() => !({RedAt(300, 300)})()", null, Patience);
        Assert.True(IsBlue(await bob.ColorAtAsync(300, 300)));

        await alice.Page.Keyboard.PressAsync("Control+z");
        await bob.Page.WaitForFunctionAsync(RedAt(300, 300), null, Patience);
    }

    private static bool IsBlue(int[] color) => color[2] > 150 && color[0] < 90;

    private static string RedAt(int x, int y) => $$"""
        () => {
            const canvas = document.querySelector('[data-testid=board-dry]');
            const ratio = canvas.width / canvas.getBoundingClientRect().width;
            const [r, g, b] = canvas.getContext('2d').getImageData(Math.round({{x}} * ratio), Math.round({{y}} * ratio), 1, 1).data;
            return r > 200 && g < 90 && b < 90;
        }
        """;
}
