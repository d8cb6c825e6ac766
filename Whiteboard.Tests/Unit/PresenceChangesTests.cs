using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Tests.Infrastructure;
using static Whiteboard.Tests.Infrastructure.Ink;
using static Whiteboard.Tests.Infrastructure.RoomUpdates;

namespace Whiteboard.Tests.Unit;

/// <summary>Presence as changes: one per seat per turn of the room, and a list rebuilt from them that matches the room's.</summary>
public sealed class PresenceChangesTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly GatedStore store = new();
    private BoardRecord board = null!;
    private BoardRoom room = null!;

    public async Task InitializeAsync()
    {
        board = new BoardRecord(BoardId.New(), "Presence", BoardKey.New(), BoardKey.New(), DateTimeOffset.UnixEpoch);
        await store.CreateBoardAsync(board, content: null, CancellationToken.None);
        var (clock, options) = (new ManualClock(), new BoardRoomOptions { SubscriberQueueCapacity = 4096 });
        room = await BoardRoom.LoadAsync(
            board, new LocalBoardGrains(store, clock, options, NullLoggerFactory.Instance).Of(board.Id), clock, NullLogger.Instance, options, CancellationToken.None);
    }

    public async Task DisposeAsync() => await room.DisposeAsync();

    private async Task<RoomSubscription> JoinAsync(string name) =>
        (await room.JoinAsync(ParticipantId.New(), board.EditKey, name))!;

    [Fact]
    public async Task Several_changes_to_one_person_in_one_turn_go_out_as_one_and_changes_that_undo_each_other_as_none()
    {
        var holder = await JoinAsync("Holder");
        var ada = await JoinAsync("Ada");
        var bob = await JoinAsync("Bob");
        var watcher = await JoinAsync("Watcher");
        var adaBefore = (await NextAsync<SnapshotUpdate>(watcher, _ => true)).People.Single(seat => seat.Number == ada.Seat);

        // The room's loop waits storing the holder's ink; meanwhile Ada and Bob change several times.
        store.Appends.Hold();
        var holding = room.SubmitAsync(holder, [Begin("held", 0, 0)], CancellationToken.None);
        await store.Appends.Reached.WaitAsync(Patience);
        List<Task<SubmitResult>> renames =
        [
            room.RenameParticipantAsync(ada, "Ada 1", CancellationToken.None),
            room.RenameParticipantAsync(ada, "Ada 2", CancellationToken.None),
            room.RenameParticipantAsync(bob, "Bobby", CancellationToken.None),
            room.RenameParticipantAsync(bob, "Bob", CancellationToken.None),
        ];
        await room.SetConnectedAsync(ada, connected: false, CancellationToken.None);
        await room.SetConnectedAsync(bob, connected: false, CancellationToken.None);
        await room.SetConnectedAsync(bob, connected: true, CancellationToken.None);
        store.Appends.Release();
        Assert.True((await holding.WaitAsync(Patience)).IsAccepted);
        Assert.All(await Task.WhenAll(renames).WaitAsync(Patience), result => Assert.True(result.IsAccepted));

        var adaChanged = await NextAsync<PeopleChangedUpdate>(watcher, update => update.Changes.Any(change => change.Number == ada.Seat));
        Assert.Equal([SeatChange.Changed(adaBefore with { Name = "Ada 2", IsConnected = false })], adaChanged.Changes.Where(change => change.Number == ada.Seat));
    }

    [Fact]
    public void A_list_rebuilt_from_a_snapshot_and_the_changes_of_its_turn_agrees_whichever_way_they_overlap()
    {
        Seat ada = new(1, "Ada", "#e03131", IsDrawing: false, IsConnected: true);
        Seat bob = new(2, "Bob", "#1971c2", IsDrawing: false, IsConnected: true);
        Seat cy = new(3, "Cy", "#2f9e44", IsDrawing: false, IsConnected: true);

        // The snapshot already has Cy joined and Ada drawing, and no longer Bob: the turn's changes say so again.
        var people = SeatChange.Apply([ada with { IsDrawing = true }, cy],
            [SeatChange.Changed(ada with { IsDrawing = true }), SeatChange.Left(bob.Number), SeatChange.Joined(cy)]);
        Assert.Equal([ada with { IsDrawing = true }, cy], people);

        // Seats stay in the order people came, whatever order their changes come in.
        Assert.Equal([ada, bob, cy], SeatChange.Apply([], [SeatChange.Joined(cy), SeatChange.Joined(ada), SeatChange.Joined(bob)]));
    }
}
