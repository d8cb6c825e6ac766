using Bunit;
using Whiteboard.App.Boards;
using Whiteboard.App.Components.Board;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Components;

public sealed class ParticipantListTests : ComponentTest
{
    private const string MarkupName = "<b>x</b>";

    private readonly List<Seat> people =
    [
        new(1, "Ada", "#e03131", IsDrawing: false, IsConnected: true),
        new(2, MarkupName, "#1971c2", IsDrawing: false, IsConnected: true),
    ];

    [Fact]
    public void The_persons_own_entry_is_marked_and_no_other()
    {
        var list = Render<ParticipantList>(parameters => parameters
            .Add(panel => panel.People, people).Add(panel => panel.YourSeat, 2).Add(panel => panel.YourName, MarkupName));

        var entries = list.FindAll("[data-testid=participant]");
        var own = Assert.Single(entries, entry => entry.TextContent.Contains("(you)", StringComparison.Ordinal));
        Assert.Equal("true", own.GetAttribute("data-self"));
        Assert.Equal(MarkupName, own.QuerySelector(".participant-name")!.TextContent);
        Assert.Equal("Ada", Assert.Single(entries, entry => entry != own).QuerySelector(".participant-name")!.TextContent);
    }

    [Fact]
    public void A_name_with_markup_is_shown_as_text()
    {
        var list = Render<ParticipantList>(parameters => parameters
            .Add(panel => panel.People, people).Add(panel => panel.YourSeat, 1).Add(panel => panel.YourName, "Ada"));

        var names = list.FindAll(".participant-name");
        Assert.Contains(names, name => name.TextContent == MarkupName);
        Assert.Empty(list.FindAll("[data-testid=participant-list] b"));
    }

    [Fact]
    public void A_refused_name_leaves_the_kept_name_in_the_field_and_says_why_under_it()
    {
        var asked = new List<string>();
        var list = Render<ParticipantList>(parameters => parameters
            .Add(panel => panel.People, people).Add(panel => panel.YourSeat, 1).Add(panel => panel.YourName, "Ada")
            .Add(panel => panel.OnRename, name =>
            {
                asked.Add(name);
                return Task.FromResult<string?>("A name must not be empty.");
            }));

        list.Find("input[data-testid=display-name]").Change("   ");

        Assert.Equal(["   "], asked);
        Assert.Equal("Ada", list.Find("input[data-testid=display-name]").GetAttribute("value"));
        Assert.Equal("Name not changed: A name must not be empty.", NameError(list));
    }

    [Fact]
    public void A_kept_name_clears_the_reason_an_earlier_one_was_refused()
    {
        string? answer = "Too many new names at once: wait a moment, then try again.";
        var list = Render<ParticipantList>(parameters => parameters
            .Add(panel => panel.People, people).Add(panel => panel.YourSeat, 1).Add(panel => panel.YourName, "Ada")
            .Add(panel => panel.OnRename, _ => Task.FromResult<string?>(answer)));

        list.Find("input[data-testid=display-name]").Change("Ada L.");
        Assert.Contains("Too many new names", NameError(list), StringComparison.Ordinal);

        answer = null;
        list.Find("input[data-testid=display-name]").Change("Ada L.");
        Assert.Null(NameError(list));
    }

    /// <summary>The error text under the name field, if it shows one.</summary>
    private static string? NameError(IRenderedComponent<ParticipantList> list) =>
        list.Find("input[data-testid=display-name]").Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() is { Length: > 0 } text
            ? text
            : null;
}
