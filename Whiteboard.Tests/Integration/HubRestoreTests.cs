using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
using Whiteboard.App.History;
using Whiteboard.App.Hubs;
using Whiteboard.Bench.Hub;
using Whiteboard.Shared.Protocol;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// Programs on a board restore a moment of its history through /hubs/board: a cleared board comes back as one "restored"
/// event the others see, its author's undo takes it away again, and a restore naming no moment is refused with the
/// reason, changing nothing.
/// </summary>
public sealed class HubRestoreTests : HubBoardTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Joins; the events it is sent come one by one from the reader returned.</summary>
    private async Task<(BoardHubClient Client, ChannelReader<HubEvent> Events)> JoinAsync(string key, string name)
    {
        var updates = Channel.CreateUnbounded<HubEvent>();
        var client = await BoardHubClient.ConnectAsync(App.Address, async received =>
        {
            foreach (var boardEvent in received.SelectMany(update => update.Events ?? []))
            {
                await updates.Writer.WriteAsync(boardEvent);
            }
        });
        Clients.Add(client);
        await client.JoinAsync(key, name);
        return (client, updates.Reader);
    }

    private static async Task<HubEvent> NextEventAsync(ChannelReader<HubEvent> events, string change)
    {
        while (true)
        {
            var received = await events.ReadAsync().AsTask().WaitAsync(Patience);
            if (received.Change == change)
            {
                return received;
            }
        }
    }

    private static BoardMessage Rectangle(string id, double x) =>
        new("shape", id, Points: [x, 0, x + 10, 10], Color: "#1971c2", Width: 3, Shape: "rect", Done: true);

    [Fact]
    public async Task A_cleared_board_is_restored_the_others_see_it_and_its_author_s_undo_clears_it_again()
    {
        var (ada, _) = await JoinAsync(Board.EditKey.Value, "Ada bot");
        var (_, boSees) = await JoinAsync(Board.EditKey.Value, "Bo bot");
        Assert.True((await ada.SubmitAsync([Rectangle("r1", 0), Rectangle("r2", 20)])).IsAccepted);
        await NextEventAsync(boSees, "drawn");
        var beforeClear = (await NextEventAsync(boSees, "drawn")).Sequence;
        Assert.True((await ada.SubmitAsync([new BoardMessage("clear", Op: "clear")])).IsAccepted);
        await NextEventAsync(boSees, "erased");

        var restore = await ada.SubmitAsync([new BoardMessage("restore", Op: "back", Sequence: beforeClear)]);
        var restored = await NextEventAsync(boSees, "restored");
        var undo = await ada.SubmitAsync([new BoardMessage("undo", Op: "undo")]);
        var undone = await NextEventAsync(boSees, "restored");

        Assert.True(restore.IsAccepted, restore.Rejection);
        Assert.Empty(restored.Ids!);
        Assert.Equal(["r1", "r2"], restored.Elements!.Select(element => element.Id));
        Assert.Equal([0f, 0f, 10f, 10f], restored.Elements![0].Points!);
        Assert.True(undo.IsAccepted, undo.Rejection);
        Assert.Equal(["r1", "r2"], undone.Ids);
        Assert.Empty(undone.Elements!);
        using var http = App.CreateClient();
        Assert.Empty(await ExportedBoard.ReadAsync(http, Board.EditKey.Value));
    }

    [Fact]
    public async Task A_restore_naming_no_moment_is_refused_with_the_reason_and_changes_nothing()
    {
        var (ada, _) = await JoinAsync(Board.EditKey.Value, "Ada bot");
        var (viewer, _) = await JoinAsync(Board.ViewKey.Value, "Viewer bot");
        Assert.True((await ada.SubmitAsync([Rectangle("r1", 0), new BoardMessage("clear", Op: "clear")])).IsAccepted);
        var timeline = await App.Services.GetRequiredService<BoardHistory>().TimelineAsync(Board.Id, CancellationToken.None);

        var negative = await ada.SubmitAsync([new BoardMessage("restore", Op: "a", Sequence: -1)]);
        var fraction = await ada.SubmitAsync([new BoardMessage("restore", Op: "b", Sequence: 1.5)]);
        var missing = await ada.SubmitAsync([new BoardMessage("restore", Op: "c")]);
        var beyond = await ada.SubmitAsync([new BoardMessage("restore", Op: "d", Sequence: 1_000)]);
        var byViewer = await viewer.SubmitAsync([new BoardMessage("restore", Op: "e", Sequence: 1)]);
        var notANumber = await Assert.ThrowsAsync<HubException>(() => ada.Connection.InvokeAsync<SubmitResult>("Submit",
            new object[] { new Dictionary<string, object>[] { new() { ["kind"] = "restore", ["op"] = "f", ["sequence"] = "one" } } }));

        const string NoMoment = "A restore needs the sequence number of a moment of the board's history: a whole number, 0 or more.";
        Assert.Equal((0L, 2L), (timeline.First, timeline.Last));
        Assert.Equal((NoMoment, NoMoment, NoMoment), (negative.Rejection, fraction.Rejection, missing.Rejection));
        Assert.Equal("This board's history runs from moment 0 to 2; there is no moment 1000.", beyond.Rejection);
        Assert.Equal("This is a view-only link: you can watch this board but not change it.", byViewer.Rejection);
        Assert.Contains("Submit", notANumber.Message, StringComparison.Ordinal);
        Assert.True((await ada.SubmitAsync([new BoardMessage("undo", Op: "undo")])).IsAccepted, "the connection goes on");
        using var http = App.CreateClient();
        Assert.Equal(["r1"], (await ExportedBoard.ReadAsync(http, Board.EditKey.Value)).Select(element => element.Id.Value));
        Assert.Equal(3, (await App.Services.GetRequiredService<BoardHistory>().TimelineAsync(Board.Id, CancellationToken.None)).Last);
    }
}
