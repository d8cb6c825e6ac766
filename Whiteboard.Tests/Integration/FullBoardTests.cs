using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
using Whiteboard.App.Hubs;
using Whiteboard.App.Storage;
using Whiteboard.Bench.Hub;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.Validation;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>A full board, through /hubs/board: drawing is refused with the reason, everyone stays on, and erasing makes room again.</summary>
public sealed class FullBoardTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private const int PointsShort = 50;
    private readonly List<BoardHubClient> clients = [];
    private RunningApp app = null!;
    private BoardRecord board = null!;

    public async Task InitializeAsync()
    {
        app = await RunningApp.StartAsync();
        var author = ParticipantId.New();
        var line = Enumerable.Range(0, BoardLimits.MaxPointsPerStroke).Select(i => new StrokePoint(i * 0.01f, 5, 0.5f)).ToArray();
        var strokes = Enumerable.Range(0, BoardLimits.MaxPointsPerBoard / BoardLimits.MaxPointsPerStroke).Select(BoardElement (i) =>
            new Stroke(Ink.Id($"old{i}"), author, Ink.Black, line.AsMemory(0, line.Length - (i == 0 ? PointsShort : 0)), Finished: true));
        board = await app.Services.GetRequiredService<BoardRooms>().CreateBoardAsync(new ImportedBoard("Nearly full", [.. strokes]), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        await app.DisposeAsync();
    }

    private async Task<ChannelReader<HubUpdate>> JoinAsync(string name, Action<BoardHubClient> keep)
    {
        var updates = Channel.CreateUnbounded<HubUpdate>();
        var client = await BoardHubClient.ConnectAsync(app.Address, async received =>
        {
            foreach (var update in received)
            {
                await updates.Writer.WriteAsync(update);
            }
        });
        clients.Add(client);
        keep(client);
        await client.JoinAsync(board.EditKey.Value, name);
        return updates.Reader;
    }

    private static BoardMessage Stroke(string id, int points) =>
        new("begin", id, Points: [.. Enumerable.Range(0, points).SelectMany(i => new double?[] { i, 20, 0.5 })], Color: "#1971c2", Width: 3);

    private static async Task<HubEvent> EventAsync(ChannelReader<HubUpdate> updates, Func<HubEvent, bool> matching)
    {
        while (true)
        {
            var update = await updates.ReadAsync().AsTask().WaitAsync(Patience);
            if (update.Events?.FirstOrDefault(matching) is { } found)
            {
                return found;
            }
        }
    }

    [Fact]
    public async Task A_full_board_refuses_more_ink_with_the_reason_and_takes_it_again_once_something_is_erased()
    {
        BoardHubClient ada = null!, bob = null!;
        var adaSees = await JoinAsync("Ada", client => ada = client);
        var bobSees = await JoinAsync("Bob", client => bob = client);

        Assert.True((await ada.SubmitAsync([Stroke("last", PointsShort), new("end", "last")])).IsAccepted);
        await EventAsync(bobSees, added => added.Id == "last" && added.Change == "started");

        var refused = await ada.SubmitAsync([Stroke("over", 1)]);
        Assert.StartsWith("This board is full: a board holds at most", refused.Rejection, StringComparison.Ordinal);
        Assert.StartsWith("This board is full:", (await bob.SubmitAsync([Stroke("bobs", 1)])).Rejection, StringComparison.Ordinal);

        // Both are still on the board: Bob erases a long stroke, and both see it go; then Ada's ink is taken.
        Assert.True((await bob.SubmitAsync([new("erase", Op: "wipe", Elements: ["old1"])])).IsAccepted);
        await EventAsync(adaSees, erased => erased.Change == "erased" && erased.Ids!.Contains("old1"));
        Assert.True((await ada.SubmitAsync([Stroke("over", 1), new("end", "over")])).IsAccepted);
        await EventAsync(bobSees, added => added.Id == "over" && added.Change == "started");
    }
}
