using Microsoft.Playwright;
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
    public async Task A_late_answer_to_an_older_tool_choice_does_not_undo_a_newer_one_on_a_slow_link()
    {
        var alice = await CreateBoardAsync();
        await using var link = DelayedLink.Start(App.Address, SlowLink);
        for (var page = 0; page < 3; page++)
        {
            var top = 40 + 120 * page;
            var fresh = await OpenFreshAsync(alice, link.Address);
            // The server's answer to the first choice comes back after the second choice is made: a drag at
            // that very moment shows whether the answer undid the newer choice.
            var dragged = await DragWhenServerShowsAsync(fresh, "rect", (100, top), (300, top + 80));
            await ChooseWhileAnswersHeldAsync(fresh, link, "rect", "ellipse");
            await dragged();

            await alice.WaitForInkAtAsync(200, top);
            Assert.False(await alice.HasInkAtAsync(100, top), "a rectangle's corner is drawn: the drag used the older choice");
            Assert.True(await alice.HasInkAtAsync(100, top + 40), "an ellipse's left end is drawn");
            await Assertions.Expect(fresh.Page.GetByTestId("tool-ellipse")).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(fresh.Page.GetByTestId("tool-rect")).ToHaveAttributeAsync("aria-pressed", "false");
            await fresh.Page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_late_answer_to_an_older_tool_choice_does_not_undo_the_same_tool_chosen_again_on_a_slow_link()
    {
        var alice = await CreateBoardAsync();
        await using var link = DelayedLink.Start(App.Address, SlowLink);
        var fresh = await OpenFreshAsync(alice, link.Address);
        // Rectangle, ellipse, rectangle again: the answer to the ellipse comes after the one to the first rectangle,
        // the tool the page awaits last. A drag the moment the server shows the ellipse shows whether it undid the newest choice.
        var dragged = await DragWhenServerShowsAsync(fresh, "ellipse", (100, 40), (300, 120));
        await ChooseWhileAnswersHeldAsync(fresh, link, "rect", "ellipse", "rect");
        await dragged();

        await alice.WaitForInkAtAsync(200, 40);
        Assert.True(await alice.HasInkAtAsync(100, 40), "no rectangle's corner is drawn: the drag used the older choice, the ellipse");
        await Assertions.Expect(fresh.Page.GetByTestId("tool-rect")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(fresh.Page.GetByTestId("tool-ellipse")).ToHaveAttributeAsync("aria-pressed", "false");
        await fresh.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_tool_button_pressed_and_slid_off_chooses_nothing()
    {
        var alice = await CreateBoardAsync();
        var button = (await alice.Page.GetByTestId("tool-ellipse").BoundingBoxAsync())!;
        await alice.Page.Mouse.MoveAsync(button.X + button.Width / 2, button.Y + button.Height / 2);
        await alice.Page.Mouse.DownAsync();
        await alice.Page.Mouse.MoveAsync(button.X + button.Width / 2, button.Y + button.Height * 4, new() { Steps = 4 });
        await alice.Page.Mouse.UpAsync();

        await alice.DrawAsync([(100, 100), (300, 180)]);
        await alice.WaitForInkAtAsync(300, 180);
        Assert.True(await alice.HasInkAtAsync(200, 140), "the pen's line through the middle is drawn");
        Assert.False(await alice.HasInkAtAsync(100, 140), "an ellipse's left end is drawn");
        await Assertions.Expect(alice.Page.GetByTestId("tool-pen")).ToHaveAttributeAsync("aria-pressed", "true");
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
        // Before the link goes: a page whose connection drops logs errors, which fail the test.
        await bob.Page.Context.CloseAsync();
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

    /// <summary>
    /// Makes the page drag a mouse from <paramref name="from"/> to <paramref name="to"/> (board points) as soon as it
    /// has heard the server show <paramref name="tool"/> (setTool, sent with the toolbar's render of it), in the same
    /// turn of its event loop: the very moment that answer arrives, even when the next comes in the same message, where
    /// a mutation observer on the toolbar would see only the last. The returned task ends once the drag is done.
    /// </summary>
    private static async Task<Func<Task>> DragWhenServerShowsAsync(BoardPage page, string tool, (float X, float Y) from, (float X, float Y) to)
    {
        var watch = await page.Page.EvaluateHandleAsync("""
            ({ tool, x0, y0, x1, y1 }) => {
                const surface = document.querySelector('[data-testid=board-surface]');
                const target = surface.querySelector('[data-testid=board-dry]');
                const board = surface.whiteboard;
                function drag() {
                    const box = surface.getBoundingClientRect();
                    for (let step = 0; step <= 8; step++) {
                        const type = step === 0 ? 'pointerdown' : step === 8 ? 'pointerup' : 'pointermove';
                        const lifted = type === 'pointerup';
                        target.dispatchEvent(new PointerEvent(type, {
                            pointerId: 1, pointerType: 'mouse', isPrimary: true, bubbles: true, cancelable: true,
                            clientX: box.left + x0 + (x1 - x0) * step / 8, clientY: box.top + y0 + (y1 - y0) * step / 8,
                            pressure: lifted ? 0 : 0.5, button: 0, buttons: lifted ? 0 : 1 }));
                    }
                }
                return {
                    dragged: new Promise((resolve, reject) => {
                        // Wraps the board's own setTool, which the server calls by name: set before its first call on this page.
                        const setTool = board.setTool;
                        let shownOnce = false;
                        board.setTool = shown => {
                            setTool.call(board, shown);
                            if (shownOnce || shown !== tool) return;
                            shownOnce = true;
                            drag();
                            resolve();
                        };
                        setTimeout(() => reject(new Error(`the server never showed ${tool}`)), 10000);
                    }),
                };
            }
            """, new { tool, x0 = (double)from.X, y0 = (double)from.Y, x1 = (double)to.X, y1 = (double)to.Y });
        return () => page.Page.EvaluateAsync("watch => watch.dragged", watch);
    }

    /// <summary>
    /// Clicks these tools' buttons in turn while <paramref name="link"/> holds what the server sends, so that every
    /// answer to them comes back after the last click, however long a click takes: on a busy machine one took longer
    /// than the link's round trip, and the answer to the first came back before the second click.
    /// </summary>
    private static async Task ChooseWhileAnswersHeldAsync(BoardPage page, DelayedLink link, params string[] tools)
    {
        using (link.HoldReplies())
        {
            foreach (var tool in tools)
            {
                await page.ChooseToolAsync(tool);
            }
        }
    }

    private async Task<BoardPage> OpenFreshAsync(BoardPage someone, Uri address) =>
        await BoardPage.ReadyAsync(await Browser.OpenAsync(new Uri(address, $"/b/{someone.Key}")));
}
