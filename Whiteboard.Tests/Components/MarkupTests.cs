using Whiteboard.App.Components.Board;
using Whiteboard.App.Components.Pages;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Components;

public sealed class MarkupTests
{
    [Fact]
    public async Task Home_offers_a_new_board_that_works_without_a_circuit()
    {
        var html = await MarkupRenderer.RenderAsync<Home>();
        Assert.Contains("<form method=\"post\" action=\"/boards\">", html, StringComparison.Ordinal);
        Assert.Matches("<button[^>]*type=\"submit\"[^>]*data-testid=\"new-board\"|<button[^>]*data-testid=\"new-board\"[^>]*type=\"submit\"", html);
    }

    [Fact]
    public async Task Board_not_found_says_so_and_offers_a_new_board()
    {
        var html = await MarkupRenderer.RenderAsync<BoardNotFound>();
        Assert.Contains("Board not found", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"new-board\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "1 person here")]
    [InlineData(3, "3 people here")]
    public async Task Toolbar_shows_the_count_the_width_and_the_palette(int count, string countText)
    {
        var html = await MarkupRenderer.RenderAsync<BoardToolbar>(new Dictionary<string, object?>
        {
            [nameof(BoardToolbar.Color)] = "#e03131",
            [nameof(BoardToolbar.Width)] = 12f,
            [nameof(BoardToolbar.ParticipantCount)] = count,
            [nameof(BoardToolbar.CanEdit)] = true,
        });

        Assert.Contains(countText, html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"participant-count\"", html, StringComparison.Ordinal);
        Assert.Contains("12 px", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"tool-pen\"", html, StringComparison.Ordinal);
        Assert.Contains("#e03131", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"view-only\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Toolbar_on_a_view_only_link_says_so_and_offers_no_tools()
    {
        var html = await MarkupRenderer.RenderAsync<BoardToolbar>(new Dictionary<string, object?>
        {
            [nameof(BoardToolbar.Color)] = "#e03131",
            [nameof(BoardToolbar.Width)] = 12f,
            [nameof(BoardToolbar.Name)] = "<script>alert(1)</script>",
            [nameof(BoardToolbar.CanEdit)] = false,
        });

        Assert.Contains("data-testid=\"view-only\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"tool-pen\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"undo\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"share\"", html, StringComparison.Ordinal);
    }
}
