using System.Text.RegularExpressions;
using Whiteboard.App.Boards;
using Whiteboard.App.Components.Board;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Components;

public sealed class MarkupTests
{
    [Fact]
    public async Task Board_not_found_says_so_and_offers_a_new_board()
    {
        var html = await MarkupRenderer.RenderAsync<BoardNotFound>();
        Assert.Contains("Board not found", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"new-board\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Toolbar_shows_the_width_and_the_palette()
    {
        var html = await MarkupRenderer.RenderAsync<BoardToolbar>(new Dictionary<string, object?>
        {
            [nameof(BoardToolbar.Color)] = "#e03131",
            [nameof(BoardToolbar.Width)] = 12f,
            [nameof(BoardToolbar.CanEdit)] = true,
        });

        Assert.Contains("12 px", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"tool-pen\"", html, StringComparison.Ordinal);
        Assert.Contains("#e03131", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"view-only\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "1 person here")]
    [InlineData(3, "3 people here")]
    public async Task Participants_show_the_count_marking_the_own_entry_and_names_as_text(int connected, string countText)
    {
        Seat[] people =
        [
            new(1, "<img src=x onerror=alert(1)>", "#e03131", IsDrawing: true, IsConnected: true),
            new(2, "Bob", "#1971c2", IsDrawing: false, IsConnected: true),
            new(3, "Cleo", "#2f9e44", IsDrawing: false, IsConnected: connected == 3),
            new(4, "Dan", "#f08c00", IsDrawing: false, IsConnected: connected == 3),
        ];
        var html = await MarkupRenderer.RenderAsync<ParticipantList>(new Dictionary<string, object?>
        {
            [nameof(ParticipantList.People)] = connected == 1 ? people[..1] : people[..3],
            [nameof(ParticipantList.YourSeat)] = 1,
            [nameof(ParticipantList.YourName)] = "<img src=x onerror=alert(1)>",
        });

        Assert.Contains(countText, html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"display-name\"", html, StringComparison.Ordinal);
        Assert.Equal(connected, Regex.Count(html, "data-testid=\"participant\""));
        Assert.Equal(1, Regex.Count(html, "data-self=\"true\""));
        Assert.Matches("data-self=\"true\" data-drawing=\"true\"", html);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_participant_list_starts_short_with_the_person_and_those_drawing_first()
    {
        var people = Enumerable.Range(1, 12)
            .Select(number => new Seat(number, $"Person {number}", "#1971c2", IsDrawing: number == 9, IsConnected: true))
            .ToArray();
        var html = await MarkupRenderer.RenderAsync<ParticipantList>(new Dictionary<string, object?>
        {
            [nameof(ParticipantList.People)] = people,
            [nameof(ParticipantList.YourSeat)] = 12,
            [nameof(ParticipantList.YourName)] = "Person 12",
        });

        var shown = Regex.Matches(html, "participant-name\">([^<]*)<").Select(match => match.Groups[1].Value).ToArray();
        Assert.Equal(["Person 12", "Person 9", "Person 1", "Person 2", "Person 3", "Person 4", "Person 5", "Person 6"], shown);
        Assert.Contains("12 people here", html, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"participants-more\"[^>]*aria-expanded=\"false\"|aria-expanded=\"false\"[^>]*data-testid=\"participants-more\"", html);
        Assert.Contains("4 more", html, StringComparison.Ordinal);
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
