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
    public void A_refused_name_leaves_the_kept_name_in_the_field()
    {
        var asked = new List<string>();
        var list = Render<ParticipantList>(parameters => parameters
            .Add(panel => panel.People, people).Add(panel => panel.YourSeat, 1).Add(panel => panel.YourName, "Ada")
            .Add(panel => panel.OnRename, name => asked.Add(name)));

        list.Find("input[data-testid=display-name]").Change("   ");

        Assert.Equal(["   "], asked);
        Assert.Equal("Ada", list.Find("input[data-testid=display-name]").GetAttribute("value"));
    }
}
