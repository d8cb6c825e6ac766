using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
using Whiteboard.App.Hubs;
using Whiteboard.Bench.Hub;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// Connections through <c>/hubs/board</c> that drop at every point of their join leave nobody on the board
/// and give every seat back: small caps fill at once if a single one is kept.
/// </summary>
public sealed class GhostSeatTests
{
    private const int PerBoard = 4;
    private const int PerInstance = 6;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Where in a join the connection goes.</summary>
    private enum DropPoint
    {
        /// <summary>As the Join is being sent.</summary>
        WhileSending,

        /// <summary>After the client gave up its thread some times: anywhere in the server's join.</summary>
        AfterYields,

        /// <summary>Once the snapshot arrived, before the answer (or at the answer, whichever comes first).</summary>
        OnSnapshot,

        /// <summary>Once the Join was answered (joined, or refused as full).</summary>
        AfterAnswer,
    }

    [Fact]
    public async Task Connections_dropped_at_every_point_of_a_join_leave_nobody_listed_and_every_seat_free()
    {
        await using var app = await RunningApp.StartWithAsync(
            "--Whiteboard:MaxParticipantsPerBoard", $"{PerBoard}", "--Whiteboard:MaxParticipants", $"{PerInstance}");
        var rooms = app.Services.GetRequiredService<BoardRooms>();
        var board = await rooms.CreateBoardAsync(content: null, CancellationToken.None);
        var untouched = await rooms.CreateBoardAsync(content: null, CancellationToken.None);

        // Twelve at a time, many more than the caps, each dropped at its own point.
        var drops = Enum.GetValues<DropPoint>().SelectMany(point => Enumerable.Range(0, 40).Select(yields => (point, yields))).ToList();
        foreach (var wave in drops.Chunk(12))
        {
            await Task.WhenAll(wave.Select(drop => JoinAndDropAsync(app.Address, board.EditKey.Value, drop.point, drop.yields)));
        }

        // The server hears of each drop in its own time; then no seat may be left taken.
        Assert.True(SpinWait.SpinUntil(() => rooms.Seated == 0, Patience), $"{rooms.Seated} seats are still taken after every connection dropped.");

        // Newcomers fill the board and the instance to their caps, and see only each other.
        var newcomers = new List<BoardHubClient>();
        try
        {
            HubUpdate? lastSnapshot = null;
            for (var n = 1; n <= PerBoard; n++)
            {
                var snapshot = new TaskCompletionSource<HubUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
                newcomers.Add(await BoardHubClient.ConnectAsync(app.Address, updates =>
                {
                    if (updates.FirstOrDefault(update => update.Kind == "snapshot") is { } first)
                    {
                        snapshot.TrySetResult(first);
                    }

                    return Task.CompletedTask;
                }));
                await newcomers[^1].JoinAsync(board.EditKey.Value, $"Newcomer {n}");
                lastSnapshot = await snapshot.Task.WaitAsync(Patience);
            }

            Assert.Equal(["Newcomer 1", "Newcomer 2", "Newcomer 3", "Newcomer 4"], lastSnapshot!.People!.Select(seat => seat.Name));
            for (var n = PerBoard + 1; n <= PerInstance; n++)
            {
                newcomers.Add(await BoardHubClient.ConnectAsync(app.Address, _ => Task.CompletedTask));
                await newcomers[^1].JoinAsync(untouched.EditKey.Value, $"Newcomer {n}");
            }

            await using var oneTooMany = await BoardHubClient.ConnectAsync(app.Address, _ => Task.CompletedTask);
            var full = await Assert.ThrowsAsync<HubException>(() => oneTooMany.JoinAsync(untouched.ViewKey.Value, "One too many"));
            Assert.Contains("full", full.Message, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var newcomer in newcomers)
            {
                await newcomer.DisposeAsync();
            }
        }
    }

    private static async Task JoinAndDropAsync(Uri app, string key, DropPoint point, int yields)
    {
        var snapshot = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = await BoardHubClient.ConnectAsync(app, updates =>
        {
            if (updates.Any(update => update.Kind == "snapshot"))
            {
                snapshot.TrySetResult();
            }

            return Task.CompletedTask;
        });
        var join = client.JoinAsync(key, "Dropped");
        switch (point)
        {
            case DropPoint.AfterYields:
                for (var i = 0; i < yields; i++)
                {
                    await Task.Yield();
                }

                break;
            case DropPoint.OnSnapshot:
                await Task.WhenAny(snapshot.Task, join);
                break;
            case DropPoint.AfterAnswer:
                await Task.WhenAny(join);
                break;
        }

        await client.DisposeAsync();

        // Joined, refused as full, or cut off by the drop: each is a join the server must see to its end.
        await Task.WhenAny(join);
        _ = join.Exception;
    }
}
