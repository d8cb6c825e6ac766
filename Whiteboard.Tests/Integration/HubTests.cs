using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
using Whiteboard.App.Hubs;
using Whiteboard.Bench.Hub;
using Whiteboard.Shared.Protocol;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>/hubs/board: programs on a board through the same room, validation and limits as browsers.</summary>
public sealed class HubTests : HubBoardTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private async Task<HubParticipant> ConnectAsync()
    {
        var participant = await HubParticipant.ConnectAsync(App.Address);
        Clients.Add(participant.Client);
        return participant;
    }

    private async Task<HubParticipant> JoinAsync(string key, string name)
    {
        var participant = await ConnectAsync();
        var joined = await participant.Client.JoinAsync(key, name);
        Assert.Equal(name, joined.Name);
        return participant;
    }

    private static BoardMessage Begin(string id, params double?[] points) => new("begin", id, Points: points, Color: "#1971c2", Width: 3);

    [Fact]
    public async Task A_program_joins_gets_the_snapshot_then_every_event_in_order_and_submits_like_a_browser()
    {
        var ada = await JoinAsync(Board.EditKey.Value, "Ada bot");
        Assert.Equal("snapshot", (await ada.NextAsync()).Kind);
        Assert.True((await ada.SubmitAsync(Begin("first", 1, 2, 0.5), new("end", "first"))).IsAccepted);

        var bob = await JoinAsync(Board.EditKey.Value, "Bob bot");
        var snapshot = await bob.NextAsync(update => update.Kind == "snapshot");
        Assert.Equal("first", Assert.Single(snapshot.Elements!).Id);
        Assert.Equal(["Ada bot", "Bob bot"], snapshot.People!.Select(seat => seat.Name));
        Assert.Equal("edit", snapshot.Info!.Access);

        Assert.True((await ada.SubmitAsync(Begin("second", 10, 10, 0.5, 11, 11, 0.5))).IsAccepted);
        Assert.True((await ada.SubmitAsync(new BoardMessage("extend", "second", From: 2, Points: [12, 12, 0.5, 13, 13, 0.5]))).IsAccepted);
        Assert.True((await ada.SubmitAsync(new BoardMessage("end", "second"))).IsAccepted);

        var events = new List<HubEvent>();
        while (events.Count < 3)
        {
            events.AddRange((await bob.NextAsync(update => update.Kind == "events")).Events!);
        }

        Assert.Equal(["started", "extended", "finished"], events.Select(e => e.Change));
        Assert.Equal(events.Select(e => e.Sequence).Order(), events.Select(e => e.Sequence));
        Assert.Equal(snapshot.Sequence + 1, events[0].Sequence);
        Assert.Equal([10f, 10f, 0.5f, 11f, 11f, 0.5f], events[0].Element!.Points!);
        Assert.Equal(2, events[1].From);
        Assert.Equal([12f, 12f, 0.5f, 13f, 13f, 0.5f], events[1].Points!);

        // Pointers come by the mover's seat.
        await ada.Client.MovePointerAsync(5, 6, true, 0, 0, 1);
        var pointer = Assert.Single((await bob.NextAsync(update => update.Kind == "pointers")).Pointers!);
        Assert.Equal(snapshot.People![0].Number, pointer.Seat);
        Assert.Equal((5f, 6f), (pointer.Pointer.X, pointer.Pointer.Y));
    }

    [Fact]
    public async Task A_view_key_watches_and_is_refused_any_change()
    {
        var viewer = await JoinAsync(Board.ViewKey.Value, "Watcher");
        var snapshot = await viewer.NextAsync(update => update.Kind == "snapshot");
        Assert.Equal("view", snapshot.Info!.Access);
        Assert.Null(snapshot.Info.EditKey);

        var refused = await viewer.SubmitAsync(Begin("nope", 1, 1, 0.5));
        Assert.Contains("view-only", refused.Rejection, StringComparison.Ordinal);

        var editor = await JoinAsync(Board.EditKey.Value, "Editor");
        Assert.Empty((await editor.NextAsync(update => update.Kind == "snapshot")).Elements!);
    }

    [Fact]
    public async Task A_programs_laser_reaches_the_others_in_its_pointers_and_a_viewers_laser_is_only_a_pointer()
    {
        var presenter = await JoinAsync(Board.EditKey.Value, "Presenter");
        var viewer = await JoinAsync(Board.ViewKey.Value, "Watcher");
        var audience = await JoinAsync(Board.EditKey.Value, "Audience");
        await audience.NextAsync(update => update.Kind == "snapshot");

        await presenter.Client.Connection.InvokeAsync("MoveLaser", 5, 6, 0, 0, 1);
        var laser = await NextPointerAsync(audience, x: 5);
        Assert.True(laser.Pointer is { Laser: true, OnBoard: true, Y: 6 });

        await presenter.Client.MovePointerAsync(7, 8, true, 0, 0, 1);
        Assert.False((await NextPointerAsync(audience, x: 7)).Pointer.Laser);

        await viewer.Client.Connection.InvokeAsync("MoveLaser", 9, 10, 0, 0, 1);
        var watched = await NextPointerAsync(audience, x: 9);
        Assert.NotEqual(laser.Seat, watched.Seat);
        Assert.False(watched.Pointer.Laser);
    }

    private static async Task<SeatPointer> NextPointerAsync(HubParticipant participant, float x)
    {
        while (true)
        {
            var moved = await participant.NextAsync(update => update.Kind == "pointers");
            if (moved.Pointers!.FirstOrDefault(pointer => pointer.Pointer.X == x) is { } found)
            {
                return found;
            }
        }
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_reason_and_the_connection_goes_on()
    {
        var bot = await ConnectAsync();
        Assert.Equal("Join a board first.", (await bot.SubmitAsync(Begin("early", 1, 1, 0.5))).Rejection);
        var unknown = await Assert.ThrowsAsync<HubException>(() => bot.Client.JoinAsync("not a key", "Bot"));
        Assert.Contains("There is no board", unknown.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => bot.Client.Connection.InvokeAsync("NoSuchMethod"));

        var joined = await bot.Client.JoinAsync(Board.EditKey.Value, new string('x', 10_000), "forged token");
        Assert.True(joined.Name.Length <= 40);
        await Assert.ThrowsAsync<HubException>(() => bot.Client.JoinAsync(Board.EditKey.Value, "Again"));
        Assert.Contains("at most 40 characters", (await Assert.ThrowsAsync<HubException>(
            () => bot.Client.SetNameAsync(new string('y', 10_000)))).Message, StringComparison.Ordinal);

        Assert.NotNull((await bot.SubmitAsync(new BoardMessage("begin", "nan", Points: [null, 1, 0.5], Color: "#000000", Width: 2))).Rejection);
        Assert.NotNull((await bot.SubmitAsync(new BoardMessage("teleport", "x"))).Rejection);
        Assert.NotNull((await bot.SubmitAsync(Begin("far", 1e9, 1, 0.5))).Rejection);

        // Still connected, still on the board, and nothing bad was drawn.
        Assert.True((await bot.SubmitAsync(Begin("fine", 1, 1, 0.5), new("end", "fine"))).IsAccepted);
        var watcher = await JoinAsync(Board.ViewKey.Value, "Watcher");
        Assert.Equal(["fine"], (await watcher.NextAsync(update => update.Kind == "snapshot")).Elements!.Select(element => element.Id));
    }

    [Fact]
    public async Task A_programs_batches_sent_without_waiting_for_their_answers_apply_in_the_order_sent()
    {
        // The hub runs a connection's calls at once (BoardHub.CallsInFlight): each extension must still find the one
        // before it applied, or it is refused as not following on.
        const int Extensions = 120;
        var ada = await JoinAsync(Board.EditKey.Value, "Ada bot");
        List<Task<SubmitResult>> sent = [ada.SubmitAsync(Begin("long", 0, 0, 0.5))];
        for (var point = 1; point <= Extensions; point++)
        {
            sent.Add(ada.SubmitAsync(new BoardMessage("extend", "long", From: point, Points: [point, point, 0.5])));
        }

        sent.Add(ada.SubmitAsync(new BoardMessage("end", "long")));
        Assert.All(await Task.WhenAll(sent), result => Assert.True(result.IsAccepted, result.Rejection));

        var watcher = await JoinAsync(Board.ViewKey.Value, "Watcher");
        var stroke = Assert.Single((await watcher.NextAsync(update => update.Kind == "snapshot")).Elements!);
        Assert.Equal(Enumerable.Range(0, Extensions + 1).SelectMany(point => new[] { (float)point, point, 0.5f }), stroke.Points!);
    }

    /// <summary>One program on the board, and the updates it was sent, in order.</summary>
    private sealed class HubParticipant(BoardHubClient client, ChannelReader<HubUpdate> updates)
    {
        public BoardHubClient Client => client;

        public static async Task<HubParticipant> ConnectAsync(Uri app)
        {
            var updates = Channel.CreateUnbounded<HubUpdate>();
            var client = await BoardHubClient.ConnectAsync(app, async received =>
            {
                foreach (var update in received)
                {
                    await updates.Writer.WriteAsync(update);
                }
            });
            return new HubParticipant(client, updates.Reader);
        }

        public Task<SubmitResult> SubmitAsync(params BoardMessage[] messages) => client.SubmitAsync(messages);

        public async Task<HubUpdate> NextAsync(Func<HubUpdate, bool>? matching = null)
        {
            while (true)
            {
                var update = await updates.ReadAsync().AsTask().WaitAsync(Patience);
                if (matching is null || matching(update))
                {
                    return update;
                }
            }
        }
    }
}
