using System.Globalization;
using Microsoft.Playwright;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>The drawing tools, undo and redo, clearing and each person's own view, as two people see them.</summary>
public sealed class EditingTests : BoardBrowserTest
{
    // How many pixels of the published canvas differ from the same view drawn whole on a canvas of its
    // own: those whose paint came and went. The same stroke drawn at another place or scale differs only
    // at its edges, by a few dozen levels (the rasterizer is not exact under translation).
    private const string PixelsUnlikeAWholeRedraw = """
        () => {
            const board = document.querySelector('[data-testid=board-surface]').whiteboard;
            const shown = document.querySelector('[data-testid=board-dry]');
            const whole = document.createElement('canvas');
            [whole.width, whole.height] = [shown.width, shown.height];
            const ctx = whole.getContext('2d');
            [ctx.lineCap, ctx.lineJoin] = ['round', 'round'];
            const ratio = window.devicePixelRatio || 1;
            board.view.applyTo(ctx, ratio);
            board.drawDry(ctx, [0, 0, whole.width, whole.height], ratio);
            const pixels = canvas => canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            const [a, b] = [pixels(shown), pixels(whole)];
            let differing = 0;
            for (let i = 3; i < a.length; i += 4) if (Math.abs(a[i] - b[i]) > 128) differing++;
            return differing;
        }
        """;

    // Three strokes reaching to the view's edges: one along the top, one down to (900, 600), one through the middle.
    private static async Task DrawAcrossTheViewAsync(BoardPage person)
    {
        await person.DrawAsync([(100, 100), (500, 120), (900, 100)]);
        await person.DrawAsync([(100, 300), (500, 450), (900, 600)]);
        await person.DrawAsync([(500, 50), (520, 350), (500, 650)]);
        await person.WaitForInkAtAsync(900, 600);
    }

    // A rectangle from (100, 100) to (300, 250): its left edge passes through (100, 175), its right edge through (300, 175).
    private static async Task DrawRectangleAsync(BoardPage person)
    {
        await person.ChooseToolAsync("rect");
        await person.DrawAsync([(100, 100), (300, 250)]);
    }

    [Fact]
    public async Task Undo_and_redo_take_back_only_the_persons_own_work_for_everyone()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);

        await DrawRectangleAsync(alice);
        await bob.WaitForInkAtAsync(100, 175);
        await bob.DrawAsync([(400, 300), (600, 300)]);
        await alice.WaitForInkAtAsync(500, 300);
        Assert.False(await bob.HasInkAtAsync(200, 175), "a rectangle is an outline, not filled");

        await alice.Page.GetByTestId("undo").ClickAsync();
        await bob.WaitForNoInkAtAsync(100, 175);
        Assert.True(await bob.HasInkAtAsync(500, 300), "Bob's stroke must stay when Alice undoes");

        await alice.Page.GetByTestId("redo").ClickAsync();
        await bob.WaitForInkAtAsync(100, 175);

        // Keyboard too: Ctrl+Z on Bob's side takes back Bob's stroke, not Alice's rectangle.
        await bob.Page.Keyboard.PressAsync("Control+z");
        await alice.WaitForNoInkAtAsync(500, 300);
        Assert.True(await alice.HasInkAtAsync(100, 175));
        await bob.Page.Keyboard.PressAsync("Control+Shift+z");
        await alice.WaitForInkAtAsync(500, 300);
    }

    [Fact]
    public async Task A_persons_own_ink_layer_clears_once_the_board_has_their_work_when_it_is_undone_and_when_the_selection_goes()
    {
        var alice = await CreateBoardAsync();
        await alice.DrawAsync([(100, 400), (300, 400)]);
        await alice.WaitForInkAtAsync(200, 400);
        // The published copy replaces the wet one: what is left over it would be drawn twice.
        await alice.WaitForNoOwnInkAtAsync(200, 400);

        await alice.Page.GetByTestId("undo").ClickAsync();
        await alice.WaitForNoInkAtAsync(200, 400);
        await alice.WaitForNoOwnInkAtAsync(200, 400);

        // The selection's box is drawn on the same layer, 4 pixels out from the rectangle, and goes when
        // the selection does.
        await DrawRectangleAsync(alice);
        await alice.WaitForInkAtAsync(100, 175);
        await alice.ChooseToolAsync("select");
        await alice.DrawAsync([(80, 80), (320, 270)]);
        await alice.WaitForOwnInkAtAsync(96, 175);
        await alice.Page.Keyboard.PressAsync("Escape");
        await alice.WaitForNoOwnInkAtAsync(96, 175);

        // Escape straight after a marquee, before the board has answered what is inside it: the answer,
        // when it comes, selects nothing. (The marquee asks twice, what is under its start and then what is
        // inside: after two more round trips of the page's own, both answers are in.)
        var selected = await alice.Page.EvaluateAsync<bool>("""
            async () => {
                const surface = document.querySelector('[data-testid=board-surface]');
                const box = surface.getBoundingClientRect();
                const pointer = (type, x, y, buttons) => surface.dispatchEvent(new PointerEvent(type, {
                    pointerId: 7, pointerType: 'mouse', isPrimary: true, bubbles: true, cancelable: true,
                    clientX: box.left + x, clientY: box.top + y, button: 0, buttons }));
                pointer('pointerdown', 80, 80, 1);
                pointer('pointermove', 320, 270, 1);
                pointer('pointerup', 320, 270, 0);
                document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
                const board = surface.whiteboard;
                for (let trip = 0; trip < 2; trip++) await board.dotnet.invokeMethodAsync('Within', 0, 0, 1, 1);
                await new Promise(resolve => requestAnimationFrame(resolve));
                return board.selection !== null;
            }
            """);
        Assert.False(selected, "Escape was pressed before the marquee's answer came");
        await alice.WaitForNoOwnInkAtAsync(96, 175);
    }

    [Fact]
    public async Task Select_and_move_shows_at_the_new_place_for_the_peer()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await DrawRectangleAsync(alice);
        await bob.WaitForInkAtAsync(100, 175);

        await alice.ChooseToolAsync("select");
        await alice.DrawAsync([(100, 175), (250, 175)]);

        await bob.WaitForInkAtAsync(450, 175);
        await bob.WaitForNoInkAtAsync(100, 175);
        Assert.True(await bob.HasInkAtAsync(250, 175));
        Assert.True(await alice.HasInkAtAsync(450, 175));
    }

    [Fact]
    public async Task Zooming_is_each_persons_own_and_does_not_move_the_peers_view()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await DrawRectangleAsync(alice);
        await bob.WaitForInkAtAsync(300, 175);

        await alice.Page.GetByTestId("zoom-in").ClickAsync();
        await Assertions.Expect(alice.Page.GetByTestId("zoom-level")).ToHaveTextAsync("125%");

        var (x, y) = await alice.OnScreenAsync(300, 175);
        Assert.NotEqual((300f, 175f), (x, y));
        await alice.WaitForInkAtAsync(x, y);
        Assert.False(await alice.HasInkAtAsync(300, 175), "Alice's view did not zoom");

        await Assertions.Expect(bob.Page.GetByTestId("zoom-level")).ToHaveTextAsync("100%");
        Assert.True(await bob.HasInkAtAsync(300, 175));
        Assert.Equal((300f, 175f), await bob.OnScreenAsync(300, 175));

        // Drawing while zoomed lands where Alice sees it: at the board point under her pointer.
        await alice.ChooseToolAsync("pen");
        var (sx, sy) = await alice.OnScreenAsync(500, 400);
        var (ex, ey) = await alice.OnScreenAsync(600, 400);
        await alice.DrawAsync([(sx, sy), (ex, ey)]);
        await bob.WaitForInkAtAsync(550, 400);

        // The fit reaches the page after the click returns; read the view once it has.
        await alice.Page.GetByTestId("zoom-fit").ClickAsync();
        await Assertions.Expect(alice.Page.GetByTestId("zoom-level")).Not.ToHaveTextAsync("125%");
        var (fx, fy) = await alice.OnScreenAsync(600, 400);
        await alice.WaitForInkAtAsync(fx - 2, fy);
    }

    [Fact]
    public async Task Clearing_asks_first_clears_for_everyone_and_the_clearer_can_undo_it()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await alice.DrawAsync([(100, 100), (200, 100)]);
        await bob.DrawAsync([(100, 300), (200, 300)]);
        await bob.WaitForInkAtAsync(150, 100);
        await alice.WaitForInkAtAsync(150, 300);

        await alice.Page.GetByTestId("clear").ClickAsync();
        await alice.Page.GetByTestId("cancel-clear").ClickAsync();
        // The dialog is gone before the next press: a press while it fades lands on its overlay, not on "Clear".
        await Assertions.Expect(alice.Page.GetByTestId("cancel-clear")).ToHaveCountAsync(0);
        Assert.True(await bob.HasInkAtAsync(150, 100), "cancelling must clear nothing");

        await alice.Page.GetByTestId("clear").ClickAsync();
        await alice.Page.GetByTestId("confirm-clear").ClickAsync();
        await bob.WaitForNoInkAtAsync(150, 100);
        await bob.WaitForNoInkAtAsync(150, 300);

        await alice.Page.GetByTestId("undo").ClickAsync();
        await bob.WaitForInkAtAsync(150, 100);
        await bob.WaitForInkAtAsync(150, 300);
    }

    [Fact]
    public async Task Shortcuts_choose_tools_text_is_typed_in_place_and_the_eraser_removes_what_it_touches()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);

        await alice.Page.Keyboard.PressAsync("t");
        await Assertions.Expect(alice.Page.GetByTestId("tool-text")).ToHaveAttributeAsync("aria-pressed", "true");
        await alice.DrawAsync([(100, 100)]);
        var editor = alice.Page.GetByTestId("text-editor");
        await editor.WaitForAsync();
        // Typing "e" or "v" is text, not a tool change: shortcuts are off while typing.
        await editor.PressSequentiallyAsync("Hello eve");
        await editor.PressAsync("Shift+Enter");
        await editor.PressSequentiallyAsync("second line");
        await editor.PressAsync("Enter");
        await Assertions.Expect(alice.Page.GetByTestId("tool-text")).ToHaveAttributeAsync("aria-pressed", "true");
        await bob.WaitForInkAtAsync(112, 108);
        await bob.WaitForInkAtAsync(112, 128);

        await alice.Page.Keyboard.PressAsync("o");
        await alice.DrawAsync([(300, 300), (400, 360)]);
        await bob.WaitForInkAtAsync(400, 330);

        await alice.Page.Keyboard.PressAsync("e");
        await Assertions.Expect(alice.Page.GetByTestId("tool-eraser")).ToHaveAttributeAsync("aria-pressed", "true");
        await alice.DrawAsync([(380, 250), (420, 400)]);
        await bob.WaitForNoInkAtAsync(400, 330);
        Assert.True(await bob.HasInkAtAsync(112, 108), "the eraser must leave what it did not touch");
    }

    [Fact]
    public async Task A_flood_of_operations_is_throttled_and_the_peer_does_not_notice()
    {
        var mallory = await CreateBoardAsync();
        var peer = await JoinAsync(mallory);

        // 3,200 operations as fast as the page can send them: far beyond 1,000 a second.
        var throttled = await mallory.Page.EvaluateAsync<int>("""
            async () => {
                const board = document.querySelector('[data-testid=board-surface]').whiteboard;
                const batch = Array.from({ length: 32 }, () => ({ kind: 'begin', id: 'flood', points: [10, 10, 0.5], color: '#000000', width: 4 }));
                let throttled = 0;
                for (let i = 0; i < 100; i++) {
                    const result = await board.submit(batch);
                    if (result.rejection && result.rejection.includes('slow down')) throttled++;
                }
                return throttled;
            }
            """);

        Assert.True(throttled > 0, "a flood must be throttled");
        await peer.DrawAsync([(300, 300), (400, 300)]);
        await mallory.WaitForInkAtAsync(350, 300);
    }

    [Fact]
    public async Task Undo_history_survives_a_reload_of_the_same_browser()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await alice.DrawAsync([(100, 100), (200, 100)]);
        await bob.WaitForInkAtAsync(150, 100);

        await alice.Page.ReloadAsync();
        alice = await BoardPage.ReadyAsync(alice.Page);
        await alice.Page.Keyboard.PressAsync("Control+z");

        await bob.WaitForNoInkAtAsync(150, 100);
    }

    [Fact]
    public async Task One_finger_draws_two_fingers_pinch_zoom_and_the_wheel_pans()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);

        await alice.TouchAsync([(1, [(100, 200), (150, 220), (200, 240)])]);
        await bob.WaitForInkAtAsync(150, 220);

        // Two fingers spreading apart around (400, 300): zoom in there, and nothing is drawn.
        await alice.TouchAsync([(2, [(350, 300), (300, 300), (250, 300)]), (3, [(450, 300), (500, 300), (550, 300)])]);
        await Assertions.Expect(alice.Page.GetByTestId("zoom-level")).Not.ToHaveTextAsync("100%");

        // What follows the pinch reaches Bob after anything the pinch could have drawn: it drew nothing.
        await alice.TouchAsync([(4, [(100, 450), (200, 450)])]);
        var (x, y) = await alice.OnScreenAsync(0, 0);
        var scale = (await alice.OnScreenAsync(1, 0)).X - x;
        await bob.WaitForInkAtAsync((150 - x) / scale, (450 - y) / scale);
        Assert.False(await bob.HasInkAtAsync(350, 300), "the first finger of a pinch must not leave a dot");
        Assert.False(await bob.HasInkAtAsync(450, 300), "the second finger of a pinch must not draw");

        var before = await alice.OnScreenAsync(0, 0);
        var surface = (await alice.Surface.BoundingBoxAsync())!;
        await alice.Page.Mouse.MoveAsync(surface.X + 300, surface.Y + 300);
        await alice.Page.Mouse.WheelAsync(0, 120);
        await alice.Page.WaitForFunctionAsync(
            $"() => document.querySelector('[data-testid=board-surface]').whiteboard.viewState().y < {before.Y.ToString(System.Globalization.CultureInfo.InvariantCulture)} - 100");
    }

    [Fact]
    public async Task Panning_moves_what_is_drawn_and_draws_what_comes_back_into_view_as_a_whole_redraw_would()
    {
        var alice = await CreateBoardAsync();
        await DrawAcrossTheViewAsync(alice);
        var surface = (await alice.Surface.BoundingBoxAsync())!;
        await alice.Page.Mouse.MoveAsync(surface.X + 500, surface.Y + 350);

        // Right, down, then back: each wheel moves what is shown by whole pixels, and what went out of
        // view comes back in strips.
        foreach (var (dx, dy, x, y) in new[] { (300, 0, -300, 0), (0, 200, -300, -200), (-150, -100, -150, -100), (-150, -100, 0, 0) })
        {
            await alice.Page.Mouse.WheelAsync(dx, dy);
            await alice.Page.WaitForFunctionAsync(string.Create(CultureInfo.InvariantCulture,
                $"() => {{ const view = document.querySelector('[data-testid=board-surface]').whiteboard.viewState(); return view.x === {x} && view.y === {y}; }}"));
        }

        await alice.Page.EvaluateAsync("() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))");
        var differing = await alice.Page.EvaluateAsync<int>(PixelsUnlikeAWholeRedraw);
        Assert.Equal(0, differing);
        Assert.True(await alice.HasInkAtAsync(100, 100));
        Assert.False(await alice.HasInkAtAsync(300, 600));
    }

    [Fact]
    public async Task Zooming_a_board_slow_to_draw_shows_what_comes_into_view_at_once_and_ends_as_a_whole_redraw_would()
    {
        var alice = await CreateBoardAsync();
        await DrawAcrossTheViewAsync(alice);
        // Every whole draw counts as slow, as on a board of a million points: a zoom's frames scale what is shown.
        await alice.Page.EvaluateAsync("() => { document.querySelector('[data-testid=board-surface]').whiteboard.slowDraw = -1; }");
        var surface = (await alice.Surface.BoundingBoxAsync())!;
        await alice.Page.Mouse.MoveAsync(surface.X + 500, surface.Y + 350);

        // In about four times: the quick frames show what was drawn, scaled (blurred); then it is drawn sharp.
        await alice.Page.Keyboard.DownAsync("Control");
        await alice.Page.Mouse.WheelAsync(0, -140);
        await alice.Page.Keyboard.UpAsync("Control");
        await alice.Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=board-surface]').whiteboard.viewState().scale > 3.9");
        await alice.Page.WaitForFunctionAsync($"() => ({PixelsUnlikeAWholeRedraw})() === 0", null, new PageWaitForFunctionOptions { Timeout = 10_000 });

        // Out again: the zoom's first frame shows what stays in view, scaled, and what comes into view
        // at the edges, drawn: the point (860, 585) of the second stroke was out of view before it.
        var seen = await alice.Page.EvaluateAsync<bool[]>("""
            async () => {
                const surface = document.querySelector('[data-testid=board-surface]');
                const board = surface.whiteboard;
                const box = surface.getBoundingClientRect();
                const inView = ([x, y]) => x >= 0 && y >= 0 && x < box.width && y < box.height;
                const edgeWasInView = inView(board.view.toScreen(860, 585));
                surface.dispatchEvent(new WheelEvent('wheel', {
                    ctrlKey: true, deltaY: 140, clientX: box.left + 500, clientY: box.top + 350, bubbles: true, cancelable: true }));
                await new Promise(resolve => requestAnimationFrame(resolve));
                const canvas = document.querySelector('[data-testid=board-dry]');
                const ratio = canvas.width / box.width;
                const inkAt = ([x, y]) => {
                    const data = canvas.getContext('2d').getImageData(Math.round(x * ratio) - 2, Math.round(y * ratio) - 2, 5, 5).data;
                    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) return true;
                    return false;
                };
                return [inkAt(board.view.toScreen(520, 350)), inkAt(board.view.toScreen(860, 585)), edgeWasInView];
            }
            """);

        var (middle, edge, edgeWasInView) = (seen[0], seen[1], seen[2]);
        Assert.False(edgeWasInView);
        Assert.True(middle, "what stayed in view is shown in the zoom's first frame");
        Assert.True(edge, "what came into view is drawn in the zoom's first frame");
        await alice.Page.WaitForFunctionAsync($"() => ({PixelsUnlikeAWholeRedraw})() === 0", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        Assert.True(await alice.HasInkAtAsync(900, 600));
    }
}
