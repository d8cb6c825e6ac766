using System.Globalization;
using Microsoft.Playwright;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>Sticky notes, and editing a text or note by a double click, as two people see them.</summary>
public sealed class NoteAndTextEditingTests : BoardBrowserTest
{
    private static readonly PageWaitForFunctionOptions Patience = new() { Timeout = 10_000, PollingInterval = 50 };

    /// <summary>Waits until the published canvas at this board point is this color, give or take a few levels.</summary>
    private static Task WaitForColorAsync(BoardPage person, float x, float y, (int R, int G, int B) color) =>
        person.Page.WaitForFunctionAsync(string.Create(CultureInfo.InvariantCulture, $$"""
            () => {
                const canvas = document.querySelector('[data-testid=board-dry]');
                const ratio = canvas.width / canvas.getBoundingClientRect().width;
                const [r, g, b, a] = canvas.getContext('2d').getImageData(Math.round({{x}} * ratio), Math.round({{y}} * ratio), 1, 1).data;
                return a === 255 && Math.abs(r - {{color.R}}) <= 3 && Math.abs(g - {{color.G}}) <= 3 && Math.abs(b - {{color.B}}) <= 3;
            }
            """), null, Patience);

    /// <summary>A script: whether any pixel of the published canvas in this box of board points is painted darker than <paramref name="below"/>.</summary>
    private static string DarkInBox(float minX, float minY, float maxX, float maxY, int below = 256) => string.Create(CultureInfo.InvariantCulture, $$"""
        () => {
            const canvas = document.querySelector('[data-testid=board-dry]');
            const ratio = canvas.width / canvas.getBoundingClientRect().width;
            const [x, y] = [Math.round({{minX}} * ratio), Math.round({{minY}} * ratio)];
            const data = canvas.getContext('2d').getImageData(x, y, Math.round({{maxX}} * ratio) - x, Math.round({{maxY}} * ratio) - y).data;
            for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] < {{below}} && data[i + 1] < {{below}} && data[i + 2] < {{below}}) return true;
            return false;
        }
        """);

    private static async Task DoubleClickAsync(BoardPage person, float x, float y)
    {
        var box = (await person.Surface.BoundingBoxAsync())!;
        await person.Page.Mouse.DblClickAsync(box.X + x, box.Y + y);
    }

    [Fact]
    public async Task A_sticky_note_placed_and_typed_shows_on_the_peer_as_its_paper_with_dark_text_and_edits_and_undoes_there_too()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);

        // N, then a click: a note centred there, typed in place.
        await alice.Page.Keyboard.PressAsync("n");
        await Assertions.Expect(alice.Page.GetByTestId("tool-note")).ToHaveAttributeAsync("aria-pressed", "true");
        await alice.DrawAsync([(300, 300)]);
        var editor = alice.Page.GetByTestId("text-editor");
        await editor.PressSequentiallyAsync("Quiz on Friday");
        await editor.PressAsync("Enter");

        // The default ink's paper, yellow (#ffec99), fills the square from (200, 200) to (400, 400); its text is dark.
        await WaitForColorAsync(bob, 390, 390, (0xff, 0xec, 0x99));
        await WaitForColorAsync(bob, 210, 390, (0xff, 0xec, 0x99));
        await bob.Page.WaitForFunctionAsync(DarkInBox(216, 216, 384, 236, below: 100), null, Patience);

        // A click and Escape places nothing: the next note shows, the one given up never does.
        await alice.DrawAsync([(600, 150)]);
        await editor.PressSequentiallyAsync("never mind");
        await editor.PressAsync("Escape");
        await Assertions.Expect(editor).ToHaveCountAsync(0);
        await alice.DrawAsync([(600, 450)]);
        await editor.PressSequentiallyAsync("kept");
        await editor.PressAsync("Enter");
        await WaitForColorAsync(bob, 690, 540, (0xff, 0xec, 0x99));
        Assert.False(await bob.HasInkAtAsync(690, 240), "a note given up with Escape must not be placed");

        // A double click with the note tool opens the note again, with its text; Bob sees the change once it is committed.
        await DoubleClickAsync(alice, 350, 350);
        await Assertions.Expect(editor).ToHaveValueAsync("Quiz on Friday");
        await editor.PressAsync("End");
        await editor.PressAsync("Shift+Enter");
        await editor.PressSequentiallyAsync("Room 4");
        await editor.PressAsync("Enter");
        await bob.Page.WaitForFunctionAsync(DarkInBox(216, 238, 384, 254, below: 100), null, Patience);

        await alice.Page.GetByTestId("undo").ClickAsync();
        await bob.Page.WaitForFunctionAsync($"() => !({DarkInBox(216, 238, 384, 254, below: 100)})()", null, Patience);
        Assert.True(await bob.Page.EvaluateAsync<bool>(DarkInBox(216, 216, 384, 236, below: 100)), "undoing the edit leaves the note's first text");
        await WaitForColorAsync(bob, 390, 390, (0xff, 0xec, 0x99));

        // On a dark board the default ink is drawn light, but a note keeps its pale paper and its dark text.
        await alice.Page.Keyboard.PressAsync("p");
        await alice.DrawAsync([(20, 100), (150, 100)]);
        await bob.WaitForShadeAtAsync(100, 100, light: false);
        await bob.Page.GetByTestId("theme-toggle").ClickAsync();
        await bob.WaitForShadeAtAsync(100, 100, light: true);
        await WaitForColorAsync(bob, 390, 390, (0xff, 0xec, 0x99));
        Assert.True(await bob.Page.EvaluateAsync<bool>(DarkInBox(216, 216, 384, 236, below: 100)), "a note's text stays dark on a dark board");
    }

    [Fact]
    public async Task A_text_double_clicked_with_the_select_tool_is_edited_in_place_and_the_peer_sees_the_new_text_and_after_undo_the_old()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await alice.Page.Keyboard.PressAsync("t");
        await alice.DrawAsync([(100, 100)]);
        var editor = alice.Page.GetByTestId("text-editor");
        await editor.PressSequentiallyAsync("Hello");
        await editor.PressAsync("Enter");
        await bob.Page.WaitForFunctionAsync(DarkInBox(100, 100, 150, 120), null, Patience);
        Assert.False(await bob.Page.EvaluateAsync<bool>(DarkInBox(200, 100, 400, 120)), "the first text is short");

        await alice.Page.Keyboard.PressAsync("v");
        await DoubleClickAsync(alice, 115, 110);
        await Assertions.Expect(editor).ToHaveValueAsync("Hello");
        // Hidden under its editor on Alice's page only: Bob still sees it while she types.
        await alice.Page.WaitForFunctionAsync($"() => !({DarkInBox(100, 100, 150, 120)})()", null, Patience);
        await editor.PressSequentiallyAsync(", this line is now much longer");
        Assert.False(await bob.Page.EvaluateAsync<bool>(DarkInBox(200, 100, 400, 120)), "the others see the old text until the edit is committed");
        await editor.PressAsync("Enter");

        await bob.Page.WaitForFunctionAsync(DarkInBox(200, 100, 400, 120), null, Patience);
        await alice.Page.WaitForFunctionAsync(DarkInBox(200, 100, 400, 120), null, Patience);

        await alice.Page.Keyboard.PressAsync("Control+z");
        await bob.Page.WaitForFunctionAsync($"() => !({DarkInBox(200, 100, 400, 120)})()", null, Patience);
        Assert.True(await bob.Page.EvaluateAsync<bool>(DarkInBox(100, 100, 150, 120)), "undo brings back the old text");
        await alice.Page.Keyboard.PressAsync("Control+Shift+z");
        await bob.Page.WaitForFunctionAsync(DarkInBox(200, 100, 400, 120), null, Patience);
    }
}
