using System.Text.Json;
using Bunit;
using Whiteboard.App.Components.Home;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Components;

public sealed class RecentBoardsTests : ComponentTest
{
    private async Task<BoardRecord> CreateAsync(string name, TimeSpan changedAgo)
    {
        var board = new BoardRecord(BoardId.New(), name, BoardKey.New(), BoardKey.New(), Clock.GetUtcNow() - changedAgo);
        await Store.CreateBoardAsync(board, content: null, CancellationToken.None);
        return board;
    }

    /// <summary>What the browser's storage holds, as recent-boards.js returns it.</summary>
    private void BrowserKeeps(params object[] visited) =>
        Page.Module("./board/recent-boards.js").Answer("recentBoards", JsonSerializer.Serialize(visited));

    [Fact]
    public async Task Lists_the_boards_this_browser_visited_under_their_names_on_the_server()
    {
        var plans = await CreateAsync("Plans", TimeSpan.FromMinutes(5));
        var sketches = await CreateAsync("Sketches", TimeSpan.FromDays(2));
        BrowserKeeps(
            new { key = plans.EditKey.Value, name = "Its old name", visited = 3 },
            new { key = sketches.ViewKey.Value, name = "Sketches", visited = 2 },
            new { key = BoardKey.New().Value, name = "A board that is gone", visited = 1 });

        var recent = Render<RecentBoards>();

        var entries = recent.WaitForElements("[data-testid=recent-board]", 2);
        var links = recent.FindAll("[data-testid=recent-board-link]");
        Assert.Equal(["Plans", "Sketches"], links.Select(link => link.TextContent.Trim()));
        Assert.Equal([$"b/{plans.EditKey}", $"b/{sketches.ViewKey}"], links.Select(link => link.GetAttribute("href")));
        Assert.Contains("changed 5 minutes ago", entries[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("changed 2 days ago", entries[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("view only", entries[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("view only", entries[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_browser_that_visited_no_board_is_told_where_they_will_be_listed()
    {
        BrowserKeeps();

        var recent = Render<RecentBoards>();

        recent.WaitForAssertion(() =>
            Assert.Contains("The boards you open in this browser are listed here.", recent.Find("[data-testid=recent-boards]").TextContent, StringComparison.Ordinal));
        Assert.Empty(recent.FindAll("[data-testid=recent-board]"));
    }
}
