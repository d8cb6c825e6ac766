using System.Globalization;
using Microsoft.Playwright;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>
/// The board's history in two browsers (issue 24, items 6 and the end-to-end tests): a moment chosen on the slider shows on
/// the viewer's canvas while the peer's stays live; restoring the moment before a clear brings the board back for the
/// peer, and the restorer's Ctrl+Z takes it away again; a PNG exported while a moment shows is a picture of that moment.
/// </summary>
public sealed class HistoryBrowserTests : BoardBrowserTest
{
    /// <summary>Opens the history and waits until its canvas shows the board's last moment; returns that moment's sequence number.</summary>
    private static async Task<long> OpenHistoryAsync(BoardPage person)
    {
        await person.Page.GetByTestId("history-open").ClickAsync();
        var last = await Slider(person).GetAttributeAsync("max");
        await WaitForMomentAsync(person, long.Parse(last!, CultureInfo.InvariantCulture));
        return long.Parse(last!, CultureInfo.InvariantCulture);
    }

    private static ILocator Slider(BoardPage person) => person.Page.GetByTestId("history-slider");

    /// <summary>Waits until the person's canvas shows the moment right after this sequence number.</summary>
    private static Task WaitForMomentAsync(BoardPage person, long sequence) =>
        Assertions.Expect(person.Page.GetByTestId("history-panel"))
            .ToHaveAttributeAsync("data-moment", sequence.ToString(CultureInfo.InvariantCulture), new() { Timeout = 10_000 });

    /// <summary>Moves the slider one moment back with the keyboard, as a person can, and waits until the canvas shows it.</summary>
    private static async Task<long> StepBackAsync(BoardPage person)
    {
        await Slider(person).PressAsync("ArrowLeft");
        var chosen = long.Parse(await Slider(person).InputValueAsync(), CultureInfo.InvariantCulture);
        await WaitForMomentAsync(person, chosen);
        return chosen;
    }

    /// <summary>Moves the slider back until the person's canvas has no ink at any of these board points any more.</summary>
    private static async Task StepBackUntilNoInkAtAsync(BoardPage person, params (float X, float Y)[] points)
    {
        for (var moment = long.Parse(await Slider(person).InputValueAsync(), CultureInfo.InvariantCulture);
             await HasInkAtAnyAsync(person, points);
             moment = await StepBackAsync(person))
        {
            Assert.True(moment > 0, "the ink never left the canvas");
        }
    }

    private static async Task<bool> HasInkAtAnyAsync(BoardPage person, (float X, float Y)[] points)
    {
        foreach (var (x, y) in points)
        {
            if (await person.HasInkAtAsync(x, y))
            {
                return true;
            }
        }

        return false;
    }

    [Fact]
    public async Task A_png_exported_while_a_moment_shows_is_a_picture_of_that_moment()
    {
        var alice = await CreateBoardAsync();
        await alice.DrawAsync([(100, 100), (300, 100)]);
        await alice.DrawAsync([(100, 200), (300, 200)]);
        await alice.WaitForInkAtAsync(200, 200);
        await alice.WaitForAllAcknowledgedAsync();

        // Back to the moment before the second stroke began. A moment while it was drawn may hold only its first point,
        // which no canvas draws (a line of no length) but which the picture of everything frames: the moment's own
        // display list says when it holds the first stroke alone.
        await OpenHistoryAsync(alice);
        await StepBackUntilNoInkAtAsync(alice, (200, 200));
        while (await alice.Page.EvaluateAsync<int>("() => document.querySelector('[data-testid=board-surface]').whiteboard.moment.elements.size") > 1)
        {
            Assert.True(await StepBackAsync(alice) > 0, "the second stroke never left the moment");
        }

        // As she sees it: the moment's stroke, and white where the later one is on the live board.
        Assert.True(IsWhite(await alice.ExportedColorAtAsync(200, 200)), "the stroke drawn after the moment is in the picture");
        Assert.True((await alice.ExportedColorAtAsync(200, 100)).Take(3).All(channel => channel < 80), "the moment's stroke is not in the picture");

        // Everything at 100 %, from the share dialog: framed to the moment's one stroke, not the live board's two 100 units apart.
        Assert.InRange(await EverythingPngHeightAsync(alice), 1, 99);
    }

    [Fact]
    public async Task Everything_exported_while_a_moment_of_a_board_since_cleared_shows_is_framed_to_that_moment()
    {
        var alice = await CreateBoardAsync();
        await alice.DrawAsync([(100, 100), (300, 100)]);
        await alice.WaitForInkAtAsync(200, 100);
        await alice.Page.GetByTestId("clear").ClickAsync();
        await alice.Page.GetByTestId("confirm-clear").ClickAsync();
        await alice.WaitForNoInkAtAsync(200, 100);
        await alice.WaitForAllAcknowledgedAsync();

        // The live board is empty, so it has no bounds to frame; the moment before the clear has its stroke.
        await OpenHistoryAsync(alice);
        await StepBackAsync(alice);
        await alice.WaitForInkAtAsync(200, 100);
        Assert.InRange(await EverythingPngHeightAsync(alice), 1, 99);
    }

    /// <summary>Downloads everything at 100 %, from the share dialog: the picture's height, read from its PNG header.</summary>
    private static async Task<int> EverythingPngHeightAsync(BoardPage person)
    {
        await person.OpenShareAsync();
        await person.Page.GetByTestId("export-png-area").GetByText("Everything").ClickAsync();
        var download = await person.Page.RunAndWaitForDownloadAsync(() => person.Page.GetByTestId("export-png").ClickAsync());
        var png = await File.ReadAllBytesAsync((await download.PathAsync())!);
        return (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
    }

    private static bool IsWhite(int[] color) => color.Take(3).All(channel => channel > 240);

    [Fact]
    public async Task A_cleared_board_is_brought_back_by_restoring_the_moment_before_the_clear_and_the_restorers_undo_takes_it_away()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await alice.DrawAsync([(100, 150), (300, 150)]);
        await bob.WaitForInkAtAsync(200, 150);
        await alice.Page.GetByTestId("clear").ClickAsync();
        await alice.Page.GetByTestId("confirm-clear").ClickAsync();
        await bob.WaitForNoInkAtAsync(200, 150);
        await alice.WaitForAllAcknowledgedAsync();

        // The last moment is the cleared board; the one before it still has the stroke, on Alice's canvas only.
        var cleared = await OpenHistoryAsync(alice);
        Assert.False(await alice.HasInkAtAsync(200, 150));
        Assert.Equal(cleared - 1, await StepBackAsync(alice));
        await alice.WaitForInkAtAsync(200, 150);
        Assert.False(await bob.HasInkAtAsync(200, 150), "looking at the history must change nothing for the others");

        await alice.Page.GetByTestId("history-restore").ClickAsync();
        await Assertions.Expect(alice.Page.GetByTestId("history-panel")).ToHaveCountAsync(0);
        await bob.WaitForInkAtAsync(200, 150);
        await alice.WaitForInkAtAsync(200, 150);

        // One edit of Alice's, undone as any other.
        await alice.Page.Keyboard.PressAsync("Control+z");
        await bob.WaitForNoInkAtAsync(200, 150);
        await alice.WaitForNoInkAtAsync(200, 150);
    }

    [Fact]
    public async Task While_a_moment_shows_neither_the_toolbar_nor_a_script_undoes_redoes_or_clears_the_live_board()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await alice.DrawAsync([(100, 150), (300, 150)]);
        await bob.WaitForInkAtAsync(200, 150);
        await alice.WaitForAllAcknowledgedAsync();

        await OpenHistoryAsync(alice);
        foreach (var edit in new[] { "undo", "redo", "clear" })
        {
            await Assertions.Expect(alice.Page.GetByTestId(edit)).ToBeDisabledAsync();
        }

        // What the buttons would call, called by a script: nothing is sent.
        Assert.True(await alice.Page.EvaluateAsync<bool>("""
            () => {
                const board = document.querySelector('[data-testid=board-surface]').whiteboard;
                board.undo();
                board.redo();
                board.clearBoard();
                return board.outbox.isEmpty;
            }
            """), "an edit of the live board was sent while a moment showed");

        await alice.Page.GetByTestId("history-close").ClickAsync();
        await alice.WaitForInkAtAsync(200, 150);
        Assert.True(await bob.HasInkAtAsync(200, 150));
    }

    [Fact]
    public async Task Moving_the_slider_shows_the_earlier_board_on_the_viewers_canvas_while_the_peers_stays_live()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await alice.DrawAsync([(100, 100), (300, 100)]);
        await alice.DrawAsync([(100, 200), (300, 200)]);
        await bob.WaitForInkAtAsync(200, 100);
        await bob.WaitForInkAtAsync(200, 200);
        await alice.WaitForAllAcknowledgedAsync();

        // Back along the timeline until the second stroke is gone: the first is still there, then.
        await OpenHistoryAsync(alice);
        await StepBackUntilNoInkAtAsync(alice, (200, 200));

        Assert.True(await alice.HasInkAtAsync(200, 100), "the moment before the second stroke shows the first");
        Assert.True(await bob.HasInkAtAsync(200, 200), "Bob's board stays live");

        // Alice's own zoom still works on the moment: from here on she sees the board smaller.
        await alice.Page.GetByTestId("zoom-out").ClickAsync();
        await alice.Page.WaitForFunctionAsync(
            "() => document.querySelector('[data-testid=board-surface]').whiteboard.viewState().scale < 1", null, new() { Timeout = 10_000 });
        var first = await alice.OnScreenAsync(200, 100);
        var second = await alice.OnScreenAsync(200, 200);
        var third = await alice.OnScreenAsync(200, 300);
        await alice.WaitForInkAtAsync(first.X, first.Y);
        Assert.False(await alice.HasInkAtAsync(second.X, second.Y));

        // Bob draws on meanwhile: his board shows it, Alice's canvas keeps showing the moment she chose...
        await bob.DrawAsync([(100, 300), (300, 300)]);
        await bob.WaitForAllAcknowledgedAsync();
        await alice.Page.WaitForFunctionAsync(
            "() => document.querySelector('[data-testid=board-surface]').whiteboard.display.elements.size === 3", null, new() { Timeout = 10_000 });
        Assert.False(await alice.HasInkAtAsync(third.X, third.Y));
        Assert.False(await alice.HasInkAtAsync(second.X, second.Y));

        // ...until she closes the history: the live board, with everything drawn meanwhile.
        await alice.Page.GetByTestId("history-close").ClickAsync();
        await alice.WaitForInkAtAsync(third.X, third.Y);
        await alice.WaitForInkAtAsync(second.X, second.Y);
        await alice.WaitForInkAtAsync(first.X, first.Y);
    }
}
