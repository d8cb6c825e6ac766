using Bunit;
using Whiteboard.App.Components.Pages;
using Whiteboard.App.Storage;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Components;

/// <summary>The board page on a board of the in-memory store: what its toolbar and panels ask the canvas and the room.</summary>
public sealed class BoardTests : ComponentTest
{
    private const string CanvasScript = "./Components/Board/BoardCanvas.razor.js";

    /// <summary>The board's canvas in the page, as its script's "attach" returned it.</summary>
    private PageScript Canvas => Page.Module(CanvasScript).Returned("attach");

    private async Task<(IRenderedComponent<Board> Page, BoardRecord Board)> OpenAsync(bool canEdit = true)
    {
        var board = await Rooms.CreateBoardAsync(content: null, CancellationToken.None);
        Page.Module(CanvasScript).Answer("keptIdentity", """{"token":null,"name":"Ada"}""");
        var page = Render<Board>(parameters => parameters.Add(shown => shown.Link, (canEdit ? board.EditKey : board.ViewKey).Value));
        // Joined once the person's own name is listed.
        page.WaitForAssertion(() => Assert.Contains("(you)", page.Find("[data-testid=participant-list]").TextContent, StringComparison.Ordinal));
        return (page, board);
    }

    private IReadOnlyList<string> CanvasCalls(params string[] functions) =>
        [.. Canvas.Calls.Where(call => functions.Contains(call.Identifier)).Select(call => $"{call.Identifier}({string.Join(", ", call.Arguments)})")];

    [Fact]
    public async Task A_tool_chosen_in_the_toolbar_is_set_on_the_canvas()
    {
        var (page, _) = await OpenAsync();

        page.Find("[data-testid=tool-rect]").Click();

        page.WaitForAssertion(() => Assert.Equal(["setTool(rect)"], CanvasCalls("setTool")));
        Assert.Equal("rect", page.Find("[data-testid=board-surface]").GetAttribute("data-tool"));
    }

    [Fact]
    public async Task A_tool_chosen_by_its_shortcut_in_the_page_is_answered_with_that_tool_and_shown_in_the_toolbar()
    {
        var (page, _) = await OpenAsync();

        // The page switched at once and waits for this answer, which ends its wait (wwwroot/board/input.js).
        await page.InvokeAsync(() => page.FindComponent<Whiteboard.App.Components.Board.BoardCanvas>().Instance.ToolChosen("ellipse"));

        page.WaitForAssertion(() => Assert.Equal(["setTool(ellipse)"], CanvasCalls("setTool")));
        Assert.Equal("true", page.Find("[data-testid=tool-ellipse]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task The_laser_is_chosen_by_its_button_and_by_its_key_K_and_set_on_the_canvas()
    {
        var (page, _) = await OpenAsync();
        Assert.Equal("Laser pointer (K)", page.Find("[data-testid=tool-laser]").ParentElement!.GetAttribute("data-tooltip"));

        page.Find("[data-testid=tool-laser]").Click();
        page.WaitForAssertion(() => Assert.Equal(["setTool(laser)"], CanvasCalls("setTool")));
        Assert.Equal("laser", page.Find("[data-testid=board-surface]").GetAttribute("data-tool"));

        page.Find("[data-testid=tool-pen]").Click();
        // K in the page chooses the laser there (shared-numbers.js, toolShortcuts) and tells the server so.
        await page.InvokeAsync(() => page.FindComponent<Whiteboard.App.Components.Board.BoardCanvas>().Instance.ToolChosen("laser"));

        page.WaitForAssertion(() => Assert.Equal(["setTool(laser)", "setTool(pen)", "setTool(laser)"], CanvasCalls("setTool")));
        Assert.Equal("true", page.Find("[data-testid=tool-laser]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task A_color_chosen_in_the_toolbar_is_set_on_the_canvas()
    {
        var (page, _) = await OpenAsync();

        page.Find("input[data-testid=color-picker]").Click();
        Popovers.WaitForElement(".mud-picker-color-dot[aria-label='#e03131ff']").Click();

        page.WaitForAssertion(() => Assert.Equal(["setStyle(#e03131, 4, none, solid, 1)"], CanvasCalls("setStyle")));
    }

    [Fact]
    public async Task Undo_and_redo_buttons_reach_the_canvas()
    {
        var (page, _) = await OpenAsync();

        page.Find("[data-testid=undo]").Click();
        page.Find("[data-testid=redo]").Click();

        page.WaitForAssertion(() => Assert.Equal(["undo()", "redo()"], CanvasCalls("undo", "redo")));
    }

    [Fact]
    public async Task Clearing_asks_first_and_clears_only_when_confirmed()
    {
        var (page, _) = await OpenAsync();

        page.Find("[data-testid=clear]").Click();
        Dialogs.WaitForElement("[data-testid=cancel-clear]").Click();
        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid=cancel-clear]")));
        page.Find("[data-testid=clear]").Click();
        Dialogs.WaitForElement("[data-testid=confirm-clear]").Click();

        page.WaitForAssertion(() => Assert.Equal(["clearBoard()"], CanvasCalls("clearBoard")));
    }

    [Fact]
    public async Task A_viewer_gets_no_tools_and_a_read_only_canvas()
    {
        var (page, _) = await OpenAsync(canEdit: false);

        Assert.Equal("View only", page.Find("[data-testid=view-only]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-tool-choice]"));
        page.WaitForAssertion(() => Assert.Equal("setReadOnly(True)", Assert.Single(CanvasCalls("setReadOnly"))));
    }

    [Fact]
    public async Task A_refused_name_for_oneself_shows_why_in_the_name_field_and_keeps_the_name()
    {
        var (page, _) = await OpenAsync();

        page.Find("input[data-testid=display-name]").Change("   ");

        page.WaitForAssertion(() => Assert.Equal(
            "Name not changed: A name must not be empty.", page.Find(".participant-panel .mud-input-helper-text.mud-input-error").TextContent.Trim()));
        Assert.Equal("Ada", page.Find("input[data-testid=display-name]").GetAttribute("value"));
        Assert.DoesNotContain("Name not changed", Notices, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_board_name_shows_why_and_keeps_the_name()
    {
        var (page, board) = await OpenAsync();

        page.Find("input[data-testid=board-name]").Change("   ");

        Snackbars.WaitForAssertion(() => Assert.Contains("Not renamed: A board's name must not be empty.", Notices, StringComparison.Ordinal));
        Assert.Equal(board.Name, (await Rooms.FindAsync(board.EditKey.Value, CancellationToken.None))?.Board.Name);
    }

    [Fact]
    public async Task The_theme_toggle_flips_the_theme_and_the_browser_keeps_it()
    {
        var (page, _) = await OpenAsync();

        page.Find("[data-testid=theme-toggle]").Click();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=theme-toggle]").GetAttribute("aria-pressed")));
        page.Find("[data-testid=theme-toggle]").Click();
        page.WaitForAssertion(() => Assert.Equal("false", page.Find("[data-testid=theme-toggle]").GetAttribute("aria-pressed")));

        Assert.Equal([["dark"], ["light"]], Page.Global.CallsTo("whiteboardTheme.choose").Select(call => call.Arguments));
    }
}
