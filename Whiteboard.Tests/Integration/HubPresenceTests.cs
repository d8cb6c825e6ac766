using System.Collections.Immutable;
using System.Threading.Channels;
using Whiteboard.App.Boards;
using Whiteboard.App.Hubs;
using Whiteboard.Bench.Hub;
using Whiteboard.Shared.Protocol;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>Who is on a board, as a program through <c>/hubs/board</c> keeps it: the snapshot's list, then changes.</summary>
public sealed class HubPresenceTests : HubBoardTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private async Task<Program> JoinAsync(string key, string name)
    {
        var program = await Program.JoinAsync(App.Address, key, name);
        Clients.Add(program.Client);
        return program;
    }

    [Fact]
    public async Task A_program_sees_people_join_be_renamed_draw_and_leave_as_changes_and_keeps_the_list_a_newcomer_is_given()
    {
        var ada = await JoinAsync(Board.EditKey.Value, "Ada bot");
        var bob = await JoinAsync(Board.EditKey.Value, "Bob bot");
        await ada.UntilAsync(people => people.Select(seat => seat.Name).SequenceEqual(["Ada bot", "Bob bot"]));

        await bob.Client.SetNameAsync("Robert bot");
        await ada.UntilAsync(people => people.Any(seat => seat.Name == "Robert bot"));
        Assert.True((await bob.Client.SubmitAsync([new BoardMessage("begin", "s", Points: [1, 1, 0.5], Color: "#000000", Width: 2)])).IsAccepted);
        await ada.UntilAsync(people => people.Single(seat => seat.Name == "Robert bot").IsDrawing);
        Assert.True((await bob.Client.SubmitAsync([new BoardMessage("end", "s")])).IsAccepted);
        await ada.UntilAsync(people => !people.Single(seat => seat.Name == "Robert bot").IsDrawing);

        await JoinAsync(Board.ViewKey.Value, "Carol bot");
        Clients.Remove(bob.Client);
        await bob.Client.DisposeAsync();
        await ada.UntilAsync(people => people.Select(seat => seat.Name).SequenceEqual(["Ada bot", "Carol bot"]));

        var dan = await JoinAsync(Board.ViewKey.Value, "Dan bot");
        var kept = await ada.UntilAsync(people => people.Any(seat => seat.Name == "Dan bot"));
        Assert.Equal(dan.Snapshot!.People, kept);

        // Presence never came as the whole list, and never twice for one seat in one update.
        Assert.All(ada.Presence, update =>
        {
            Assert.Null(update.People);
            Assert.Equal(update.Changes!.Count, update.Changes.DistinctBy(change => change.Number).Count());
        });
    }

    /// <summary>A program on the board: the updates it was sent, and who is on the board as it keeps them.</summary>
    private sealed class Program(BoardHubClient client, ChannelReader<HubUpdate> updates)
    {
        private ImmutableList<Seat> people = [];

        public BoardHubClient Client => client;

        public HubUpdate? Snapshot { get; private set; }

        public List<HubUpdate> Presence { get; } = [];

        public static async Task<Program> JoinAsync(Uri app, string key, string name)
        {
            var updates = Channel.CreateUnbounded<HubUpdate>();
            var client = await BoardHubClient.ConnectAsync(app, async received =>
            {
                foreach (var update in received)
                {
                    await updates.Writer.WriteAsync(update);
                }
            });
            await client.JoinAsync(key, name);
            var program = new Program(client, updates.Reader);
            await program.UntilAsync(_ => program.Snapshot is not null);
            return program;
        }

        /// <summary>Takes in updates until the list it keeps is as wanted; that list.</summary>
        public async Task<ImmutableList<Seat>> UntilAsync(Func<ImmutableList<Seat>, bool> wanted)
        {
            while (!wanted(people))
            {
                var update = await updates.ReadAsync().AsTask().WaitAsync(Patience);
                if (update.Kind == "snapshot")
                {
                    Snapshot = update;
                    people = [.. update.People!];
                }
                else if (update.Kind == "presence")
                {
                    Presence.Add(update);
                    people = SeatChange.Apply(people, update.Changes!);
                }
            }

            return people;
        }
    }
}
