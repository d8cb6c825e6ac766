using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// A session that ends while its join is under way (a tab closed, a connection dropped) joins nobody: it is
/// not listed, and its seat is free for a newcomer, whichever point of the join it ended at.
/// </summary>
public sealed class SessionLeavingTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly GatedStore store = new();
    private readonly ParticipantTokens tokens = new(new EphemeralDataProtectionProvider());
    private readonly List<BoardSession> sessions = [];
    private BoardRooms rooms = null!;
    private BoardRecord board = null!;

    public async Task InitializeAsync()
    {
        // Two seats: one for the person already there, one for whoever comes next.
        rooms = LocalBoardGrains.Rooms(store, new ManualClock(), new BoardRoomOptions { MaxParticipantsPerBoard = 2 }, NullLoggerFactory.Instance);
        board = await rooms.CreateBoardAsync(content: null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var session in sessions)
        {
            await session.DisposeAsync();
        }

        await rooms.DisposeAsync();
    }

    private BoardSession NewSession()
    {
        var session = new BoardSession(rooms, tokens, TimeProvider.System, NullLogger<BoardSession>.Instance);
        sessions.Add(session);
        return session;
    }

    /// <summary>Joins a session that shows its snapshot's people to the test.</summary>
    private async Task<(BoardSession Session, Task<IReadOnlyList<Seat>> People)> JoinAsync(string name)
    {
        var session = NewSession();
        var people = new TaskCompletionSource<IReadOnlyList<Seat>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.Null(await session.JoinAsync(board.EditKey, name, updates =>
        {
            if (updates.OfType<SnapshotUpdate>().FirstOrDefault() is { } snapshot)
            {
                people.TrySetResult(snapshot.People);
            }

            return Task.CompletedTask;
        }));
        return (session, people.Task);
    }

    private async Task NewcomerSeesOnlyAsync(params string[] names)
    {
        var (_, people) = await JoinAsync("Newcomer");
        Assert.Equal([.. names, "Newcomer"], (await people.WaitAsync(Patience)).Select(seat => seat.Name));
    }

    [Fact]
    public async Task A_session_ended_while_its_join_looks_the_board_up_is_not_seated()
    {
        await JoinAsync("Here");
        var dropped = NewSession();
        store.Finds.Hold();
        var joining = dropped.JoinAsync(board.EditKey, "Dropped", _ => Task.CompletedTask);
        await store.Finds.Reached.WaitAsync(Patience);

        var ending = dropped.DisposeAsync().AsTask();
        store.Finds.Release();

        Assert.NotNull(await joining.WaitAsync(Patience));
        await ending.WaitAsync(Patience);
        await NewcomerSeesOnlyAsync("Here");
    }

    [Fact]
    public async Task A_session_ended_while_the_room_is_busy_with_its_join_is_seated_and_let_go_at_once()
    {
        var (here, _) = await JoinAsync("Here");

        // The room's loop stores Here's stroke and waits there; the join queues up behind it.
        store.Appends.Hold();
        var drawing = here.SubmitAsync([new("begin", "s", Points: [1, 1, 0.5], Color: "#000000", Width: 2)]);
        await store.Appends.Reached.WaitAsync(Patience);
        var dropped = NewSession();
        var joining = dropped.JoinAsync(board.EditKey, "Dropped", _ => Task.CompletedTask);

        var ending = dropped.DisposeAsync().AsTask();
        store.Appends.Release();

        Assert.NotNull(await joining.WaitAsync(Patience));
        await ending.WaitAsync(Patience);
        Assert.True((await drawing.WaitAsync(Patience)).IsAccepted);
        await NewcomerSeesOnlyAsync("Here");
    }

    [Fact]
    public async Task A_connection_that_drops_while_its_page_joins_is_shown_as_down_once_joined()
    {
        var page = NewSession();
        store.Finds.Hold();
        var joining = page.JoinAsync(board.EditKey, "Page", _ => Task.CompletedTask);
        await store.Finds.Reached.WaitAsync(Patience);

        await page.SetConnectedAsync(connected: false);
        store.Finds.Release();

        Assert.Null(await joining.WaitAsync(Patience));
        var (_, people) = await JoinAsync("Newcomer");
        Assert.False((await people.WaitAsync(Patience)).Single(seat => seat.Name == "Page").IsConnected);
    }

    [Fact]
    public async Task A_session_ended_after_joining_leaves_and_can_join_no_more()
    {
        var (left, _) = await JoinAsync("Left");
        await left.DisposeAsync();

        Assert.NotNull(await left.JoinAsync(board.EditKey, "Again", _ => Task.CompletedTask));
        await NewcomerSeesOnlyAsync();
    }
}
