using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

public sealed class BoardRoomTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly InMemoryBoardStore store = new();
    private readonly BoardId board = BoardId.New();
    private BoardRoom room = null!;

    public async Task InitializeAsync()
    {
        await store.CreateBoardAsync(board, CancellationToken.None);
        // Roomy enough to hold one update per submission of the busiest test, so no test reader lags.
        room = await OpenRoomAsync(subscriberQueueCapacity: 4096);
    }

    public async Task DisposeAsync() => await room.DisposeAsync();

    private Task<BoardRoom> OpenRoomAsync(int subscriberQueueCapacity) =>
        BoardRoom.LoadAsync(board, store, NullLogger.Instance, subscriberQueueCapacity, CancellationToken.None);

    private static async Task<T> NextAsync<T>(RoomSubscription subscription, Func<T, bool>? matching = null)
        where T : RoomUpdate
    {
        while (true)
        {
            var update = await subscription.Updates.ReadAsync().AsTask().WaitAsync(Patience);
            if (update is T wanted && (matching is null || matching(wanted)))
            {
                return wanted;
            }
        }
    }

    [Fact]
    public async Task Concurrent_submitters_get_one_gapless_order_that_keeps_each_ones_own_order()
    {
        var watcher = await room.JoinAsync(ParticipantId.New(), CancellationToken.None);
        Assert.Equal(0, (await NextAsync<SnapshotUpdate>(watcher)).Snapshot.Sequence);

        const int people = 8, extensions = 200;
        var drawing = Enumerable.Range(0, people).Select(person => Task.Run(async () =>
        {
            var me = ParticipantId.New();
            var id = $"p{person}";
            Assert.True((await room.SubmitAsync(me, [Begin(id, 0, person)], CancellationToken.None)).IsAccepted);
            for (var i = 1; i <= extensions; i++)
            {
                var result = await room.SubmitAsync(me, [Extend(id, i, i, person)], CancellationToken.None);
                Assert.True(result.IsAccepted, result.Rejection);
            }
        })).ToArray();
        await Task.WhenAll(drawing).WaitAsync(Patience);

        var events = new List<BoardEvent>();
        while (events.Count < people * (extensions + 1))
        {
            events.AddRange((await NextAsync<EventsUpdate>(watcher)).Events);
        }

        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        foreach (var byStroke in events.GroupBy(e => IdOf(e.Change)))
        {
            var froms = byStroke.Select(e => e.Change is StrokeExtended x ? x.From : 0).ToList();
            Assert.Equal(Enumerable.Range(0, extensions + 1), froms);
        }
    }

    [Fact]
    public async Task A_latecomer_gets_strokes_still_being_drawn_and_what_follows()
    {
        var alice = ParticipantId.New();
        await room.SubmitAsync(alice, [Begin("s", 0, 0), Extend("s", 1, 1, 1)], CancellationToken.None);

        var late = await room.JoinAsync(ParticipantId.New(), CancellationToken.None);
        var snapshot = await NextAsync<SnapshotUpdate>(late);
        var stroke = Assert.IsType<Stroke>(Assert.Single(snapshot.Snapshot.Elements));
        Assert.False(stroke.IsFinished);
        Assert.Equal(2, stroke.Points.Length);

        await room.SubmitAsync(alice, [Extend("s", 2, 2, 2)], CancellationToken.None);
        var next = Assert.Single((await NextAsync<EventsUpdate>(late)).Events);
        Assert.Equal(snapshot.Snapshot.Sequence + 1, next.Sequence);
    }

    [Fact]
    public async Task A_refused_operation_reaches_nobody_and_says_why()
    {
        var watcher = await room.JoinAsync(ParticipantId.New(), CancellationToken.None);
        await NextAsync<SnapshotUpdate>(watcher);

        var result = await room.SubmitAsync(ParticipantId.New(), [Extend("ghost", 1, 1, 1)], CancellationToken.None);
        Assert.False(result.IsAccepted);
        Assert.Contains("no element", result.Rejection, StringComparison.Ordinal);

        await room.SubmitAsync(ParticipantId.New(), [Begin("real", 1, 1)], CancellationToken.None);
        var first = Assert.Single((await NextAsync<EventsUpdate>(watcher)).Events);
        Assert.Equal("real", IdOf(first.Change));
        Assert.Equal(1, first.Sequence);
    }

    [Fact]
    public async Task A_participant_who_stops_reading_is_resynchronised_and_never_stalls_the_room()
    {
        await using var small = await OpenRoomAsync(subscriberQueueCapacity: 4);
        var stalled = await small.JoinAsync(ParticipantId.New(), CancellationToken.None);
        var alice = ParticipantId.New();
        await small.SubmitAsync(alice, [Begin("s", 0, 0)], CancellationToken.None);
        for (var i = 1; i <= 50; i++)
        {
            var result = await small.SubmitAsync(alice, [Extend("s", i, i, i)], CancellationToken.None).WaitAsync(Patience);
            Assert.True(result.IsAccepted);
        }

        Assert.True(stalled.IsLagging);
        await small.ResyncAsync(stalled, CancellationToken.None);
        var snapshot = await NextAsync<SnapshotUpdate>(stalled, s => s.Snapshot.Sequence > 0);
        Assert.Equal(51, Assert.IsType<Stroke>(Assert.Single(snapshot.Snapshot.Elements)).Points.Length);
        Assert.False(stalled.IsLagging);
    }

    [Fact]
    public async Task Leaving_finishes_half_drawn_strokes_and_updates_the_count()
    {
        var watcher = await room.JoinAsync(ParticipantId.New(), CancellationToken.None);
        var leaver = ParticipantId.New();
        var leaving = await room.JoinAsync(leaver, CancellationToken.None);
        await NextAsync<PresenceUpdate>(watcher, p => p.ParticipantCount == 2);
        await room.SubmitAsync(leaver, [Begin("half", 0, 0)], CancellationToken.None);

        await room.LeaveAsync(leaving);

        var finished = await NextAsync<EventsUpdate>(watcher, u => u.Events.Any(e => e.Change is ElementFinished));
        Assert.Equal("half", IdOf(Assert.Single(finished.Events).Change));
        await NextAsync<PresenceUpdate>(watcher, p => p.ParticipantCount == 1);
    }

    [Fact]
    public async Task A_reopened_room_replays_the_store_in_order()
    {
        var alice = ParticipantId.New();
        await room.SubmitAsync(alice, [Begin("s", 0, 0), Extend("s", 1, 1, 1), End("s")], CancellationToken.None);

        await using var reopened = await OpenRoomAsync(subscriberQueueCapacity: 16);
        var viewer = await reopened.JoinAsync(ParticipantId.New(), CancellationToken.None);
        var snapshot = await NextAsync<SnapshotUpdate>(viewer);
        Assert.Equal(3, snapshot.Snapshot.Sequence);
        var stroke = Assert.IsType<Stroke>(Assert.Single(snapshot.Snapshot.Elements));
        Assert.True(stroke.IsFinished);
        Assert.Equal(2, stroke.Points.Length);
    }

    [Fact]
    public async Task A_stroke_left_open_when_the_app_stopped_is_finished_and_stored_on_reopening()
    {
        var alice = ParticipantId.New();
        await room.SubmitAsync(alice, [Begin("open", 0, 0), Extend("open", 1, 5, 5)], CancellationToken.None);

        await using (var reopened = await OpenRoomAsync(subscriberQueueCapacity: 16))
        {
            var viewer = await reopened.JoinAsync(ParticipantId.New(), CancellationToken.None);
            var stroke = Assert.IsType<Stroke>(Assert.Single((await NextAsync<SnapshotUpdate>(viewer)).Snapshot.Elements));
            Assert.True(stroke.IsFinished);
            Assert.Equal(2, stroke.Points.Length);
        }

        // The finishing is in the store: it can be undone by its author like any finished stroke.
        var stored = await store.LoadAsync(board, CancellationToken.None);
        Assert.IsType<FinishElement>(stored[^1].Operation);
        await using var third = await OpenRoomAsync(subscriberQueueCapacity: 16);
        Assert.True((await third.SubmitAsync(alice, [new Undo(Op("u"))], CancellationToken.None)).IsAccepted);
    }

    [Fact]
    public async Task What_the_store_could_not_keep_is_refused_and_shown_to_nobody()
    {
        var failing = new FailingStore(store);
        await using var fragile = await BoardRoom.LoadAsync(board, failing, NullLogger.Instance, 16, CancellationToken.None);
        var watcher = await fragile.JoinAsync(ParticipantId.New(), CancellationToken.None);
        await NextAsync<SnapshotUpdate>(watcher);
        var alice = ParticipantId.New();

        failing.Failing = true;
        var refused = await fragile.SubmitAsync(alice, [Begin("lost", 0, 0)], CancellationToken.None);
        Assert.Contains("could not save", refused.Rejection, StringComparison.Ordinal);

        failing.Failing = false;
        Assert.True((await fragile.SubmitAsync(alice, [Begin("kept", 0, 0)], CancellationToken.None)).IsAccepted);
        var published = Assert.Single((await NextAsync<EventsUpdate>(watcher)).Events);
        Assert.Equal("kept", IdOf(published.Change));
        Assert.Equal(1, published.Sequence);
    }

    private sealed class FailingStore(IBoardStore inner) : IBoardStore
    {
        public bool Failing { get; set; }

        public Task CreateBoardAsync(BoardId board, CancellationToken cancellationToken) => inner.CreateBoardAsync(board, cancellationToken);

        public Task<bool> BoardExistsAsync(BoardId board, CancellationToken cancellationToken) => inner.BoardExistsAsync(board, cancellationToken);

        public Task AppendAsync(BoardId board, IReadOnlyList<StoredOperation> operations, CancellationToken cancellationToken) =>
            Failing ? throw new IOException("disk full") : inner.AppendAsync(board, operations, cancellationToken);

        public Task<IReadOnlyList<StoredOperation>> LoadAsync(BoardId board, CancellationToken cancellationToken) => inner.LoadAsync(board, cancellationToken);
    }
}
