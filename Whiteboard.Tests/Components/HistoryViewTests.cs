using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App.Boards;
using Whiteboard.App.Canvas;
using Whiteboard.App.Components.Board;
using Whiteboard.App.Components.Pages;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Protocol;
using Whiteboard.Tests.Infrastructure;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Components;

/// <summary>
/// The board page's history view (issue 24, item 6): its button opens a timeline whose slider runs over the board's
/// sequence numbers; a moment chosen is drawn on this person's canvas; "Restore this moment" has the page send one
/// restore of the moment shown; closing has the canvas show the live board again; while it is open, the slider's end
/// follows what others draw.
/// </summary>
public sealed class HistoryViewTests : ComponentTest
{
    private const string CanvasScript = "./Components/Board/BoardCanvas.razor.js";

    /// <summary>The board's canvas in the page, as its script's "attach" returned it.</summary>
    private PageScript Canvas => Page.Module(CanvasScript).Returned("attach");

    /// <summary>The board whose history <see cref="OpenHistoryAsync"/> opened.</summary>
    private BoardRecord board = null!;

    /// <summary>
    /// Opens a board and its history: by its edit link after drawing three rectangles, one operation each (sequences 1
    /// to 3), or, as a viewer, with nothing drawn.
    /// </summary>
    private async Task<IRenderedComponent<Board>> OpenHistoryAsync(bool canEdit = true)
    {
        board = await Rooms.CreateBoardAsync(content: null, CancellationToken.None);
        Page.Module(CanvasScript).Answer("keptIdentity", """{"token":null,"name":"Ada"}""");
        var page = Render<Board>(parameters => parameters.Add(shown => shown.Link, (canEdit ? board.EditKey : board.ViewKey).Value));
        page.WaitForAssertion(() => Assert.Contains("(you)", page.Find("[data-testid=participant-list]").TextContent, StringComparison.Ordinal));
        var canvas = page.FindComponent<BoardCanvas>().Instance;
        foreach (var id in canEdit ? new[] { "r1", "r2", "r3" } : [])
        {
            var drawn = await page.InvokeAsync(() => canvas.Submit([BoardMessage.Of(Rectangle(id, 10, 10, 50, 50))]));
            Assert.True(drawn.IsAccepted, drawn.Rejection);
        }

        page.Find("[data-testid=history-open]").Click();
        page.WaitForAssertion(() => Assert.Single(Canvas.CallsTo("showMoment")));
        return page;
    }

    /// <summary>The ids of the elements in each moment the canvas was asked to show, in order.</summary>
    private IReadOnlyList<string> MomentsShown() =>
        [.. Canvas.CallsTo("showMoment").Select(call => ((CanvasLayout)call.Arguments[1]!).Ids.Trim())];

    [Fact]
    public async Task The_history_opens_on_a_slider_over_the_boards_sequence_numbers_at_the_board_as_it_is()
    {
        var page = await OpenHistoryAsync();

        var slider = page.Find("input[type=range][data-testid=history-slider]");
        Assert.Equal("0", slider.GetAttribute("min"));
        Assert.Equal("3", slider.GetAttribute("max"));
        Assert.Equal("3", slider.GetAttribute("value"));
        Assert.Equal(["r1 r2 r3"], MomentsShown());
        Assert.Contains("Ada", page.Find("[data-testid=history-drawing]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=history-play]"));
        Assert.NotNull(page.Find("[data-testid=history-close]"));
    }

    [Fact]
    public async Task Moving_the_slider_draws_that_moment_on_the_canvas()
    {
        var page = await OpenHistoryAsync();

        page.Find("[data-testid=history-slider]").Input("1");

        page.WaitForAssertion(() => Assert.Equal(["r1 r2 r3", "r1"], MomentsShown()));
        Assert.Equal("1", page.Find("[data-testid=history-panel]").GetAttribute("data-moment"));
    }

    [Fact]
    public async Task What_a_peer_draws_while_the_view_is_open_can_be_reached_on_the_slider_and_shown()
    {
        var page = await OpenHistoryAsync();
        await using var bob = new BoardSession(Rooms, Services.GetRequiredService<ParticipantTokens>(), Clock, NullLogger<BoardSession>.Instance);
        Assert.Null(await bob.JoinAsync(board.EditKey, "Bob", _ => Task.CompletedTask));

        var drawn = await bob.SubmitAsync([BoardMessage.Of(Rectangle("bob", 100, 100, 150, 150))]);

        Assert.True(drawn.IsAccepted, drawn.Rejection);
        page.WaitForAssertion(() => Assert.Equal("4", page.Find("input[data-testid=history-slider]").GetAttribute("max")));
        Assert.Equal("3", page.Find("[data-testid=history-panel]").GetAttribute("data-moment"));
        page.Find("[data-testid=history-slider]").Input("4");
        page.WaitForAssertion(() => Assert.Equal(["r1 r2 r3", "r1 r2 r3 bob"], MomentsShown()));
        Assert.Equal("4", page.Find("[data-testid=history-panel]").GetAttribute("data-moment"));
    }

    [Fact]
    public async Task Play_steps_from_the_start_through_every_moment_to_the_end_then_stops()
    {
        var page = await OpenHistoryAsync();

        page.Find("[data-testid=history-play]").Click();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=history-play]").GetAttribute("aria-pressed")));

        page.WaitForAssertion(() => Assert.Equal(["r1 r2 r3", "", "r1", "r1 r2", "r1 r2 r3"], MomentsShown()));
        page.WaitForAssertion(() => Assert.Equal("false", page.Find("[data-testid=history-play]").GetAttribute("aria-pressed")));
        Assert.Equal("3", page.Find("input[data-testid=history-slider]").GetAttribute("value"));
    }

    [Fact]
    public async Task Restoring_has_the_page_send_one_restore_of_the_moment_shown_and_closes_the_view()
    {
        var page = await OpenHistoryAsync();
        page.Find("[data-testid=history-slider]").Input("1");
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=history-panel]").GetAttribute("data-moment")));

        page.Find("[data-testid=history-restore]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=history-panel]")));
        var restore = Assert.Single(Canvas.CallsTo("restoreMoment"));
        Assert.Equal([1L], restore.Arguments);
        Assert.Empty(Canvas.CallsTo("closeHistory"));
    }

    [Fact]
    public async Task Closing_shows_the_live_board_again()
    {
        var page = await OpenHistoryAsync();

        page.Find("[data-testid=history-close]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=history-panel]")));
        Assert.Single(Canvas.CallsTo("closeHistory"));
        Assert.Empty(Canvas.CallsTo("restoreMoment"));
    }

    [Fact]
    public async Task Escape_in_the_view_shows_the_live_board_again()
    {
        var page = await OpenHistoryAsync();

        page.Find("input[data-testid=history-slider]").KeyDown("Escape");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=history-panel]")));
        Assert.Single(Canvas.CallsTo("closeHistory"));
    }

    [Fact]
    public async Task While_a_moment_shows_the_toolbar_offers_no_undo_redo_or_clear_of_the_live_board_until_the_view_closes()
    {
        var page = await OpenHistoryAsync();
        string[] edits = ["undo", "redo", "clear"];

        Assert.All(edits, edit => Assert.True(page.Find($"[data-testid={edit}]").HasAttribute("disabled"), $"{edit} is offered"));

        page.Find("[data-testid=history-close]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=history-panel]")));
        Assert.All(edits, edit => Assert.False(page.Find($"[data-testid={edit}]").HasAttribute("disabled"), $"{edit} is not offered"));
        page.Find("[data-testid=undo]").Click();
        Assert.Single(Canvas.CallsTo("undo"));
    }

    [Fact]
    public async Task Closing_the_view_while_its_timeline_is_read_leaves_the_canvas_on_the_live_board()
    {
        var board = await Rooms.CreateBoardAsync(content: null, CancellationToken.None);
        Page.Module(CanvasScript).Answer("keptIdentity", """{"token":null,"name":"Ada"}""");
        var page = Render<Board>(parameters => parameters.Add(shown => shown.Link, board.EditKey.Value));
        page.WaitForAssertion(() => Assert.Contains("(you)", page.Find("[data-testid=participant-list]").TextContent, StringComparison.Ordinal));
        HistoryStore.Spans.Hold();

        page.Find("[data-testid=history-open]").Click();
        await HistoryStore.Spans.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        // The store's read can be reached before the panel's first render: wait for its close button.
        page.WaitForElement("[data-testid=history-close]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=history-panel]")));
        HistoryStore.Spans.Release();
        // The timeline's reads end on the page's dispatcher, in the work item the release queued: once this later one has
        // run, whatever the closed view would have shown has been sent.
        await page.InvokeAsync(() => { });

        Assert.Single(Canvas.CallsTo("closeHistory"));
        Assert.Empty(Canvas.CallsTo("showMoment"));
        Assert.Empty(Canvas.CallsTo("showMomentDownloaded"));
    }

    [Fact]
    public async Task A_viewer_watches_the_history_but_is_offered_no_restore()
    {
        var page = await OpenHistoryAsync(canEdit: false);

        Assert.NotNull(page.Find("[data-testid=history-slider]"));
        Assert.Empty(page.FindAll("[data-testid=history-restore]"));
    }
}
