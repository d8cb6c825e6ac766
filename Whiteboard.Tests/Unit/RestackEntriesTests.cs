using Whiteboard.App.Boards;
using Whiteboard.App.Canvas;
using Whiteboard.App.Hubs;
using Whiteboard.Shared.State;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

/// <summary>A change of the drawing order as the page's display list and hub programs are told it.</summary>
public sealed class RestackEntriesTests
{
    private static readonly ElementsRestacked Restacked = new([new StackPlace(Id("a"), Id("d")), new StackPlace(Id("b"), null)]);

    [Fact]
    public void A_restack_is_an_entry_per_element_naming_the_element_under_it_by_its_string()
    {
        var batch = CanvasBatch.From([new EventsUpdate([new BoardEvent(3, Restacked)])]);

        Assert.Equal(("oo", "a b"), (batch.Layout().Ops, batch.Layout().Ids));
        Assert.Equal(["d"], batch.Strings);
        Assert.Equal([0f], batch.CommandsOf(batch.Entries[0]).ToArray());
        Assert.Empty(batch.CommandsOf(batch.Entries[1]).ToArray());
    }

    [Fact]
    public void A_hub_program_is_told_each_place_in_turn()
    {
        var hubEvent = HubEvent.Of(new BoardEvent(3, Restacked));

        Assert.Equal("restacked", hubEvent.Change);
        Assert.Equal([new HubStackPlace("a", "d"), new HubStackPlace("b", null)], hubEvent.Places);
    }
}
