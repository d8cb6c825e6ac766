using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;
using Whiteboard.Tests.Infrastructure;
using static Whiteboard.Tests.Infrastructure.Ink;
using static Whiteboard.Tests.Infrastructure.RoomUpdates;

namespace Whiteboard.Tests.Unit;

public sealed class BoardRoomTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly InMemoryBoardStore store = new();
    private readonly ManualClock clock = new();
    private BoardRecord board = null!;
    private BoardRoom room = null!;

    public async Task InitializeAsync()
    {
        board = new BoardRecord(BoardId.New(), "Physics", BoardKey.New(), BoardKey.New(), clock.GetUtcNow());
        await store.CreateBoardAsync(board, content: null, CancellationToken.None);
        // Roomy enough to hold one update per submission of the busiest test, so no test reader lags.
        room = await OpenRoomAsync(new BoardRoomOptions { SubscriberQueueCapacity = 4096 });
    }

    public async Task DisposeAsync() => await room.DisposeAsync();

    private Task<BoardRoom> OpenRoomAsync(BoardRoomOptions options, IBoardStore? from = null) =>
        BoardRoom.LoadAsync(
            board, new LocalBoardGrains(from ?? store, clock, options, NullLoggerFactory.Instance).Of(board.Id), clock, NullLogger.Instance, options, CancellationToken.None);

    /// <summary>Someone on the board by its edit link (or the key given).</summary>
    private async Task<RoomSubscription> EditorAsync(BoardRoom on, BoardKey? key = null) =>
        (await on.JoinAsync(ParticipantId.New(), key ?? board.EditKey, "Tester"))!;

    [Fact]
    public async Task Concurrent_submitters_get_one_gapless_order_that_keeps_each_ones_own_order()
    {
        var watcher = await EditorAsync(room);
        Assert.Equal(0, (await NextAsync<SnapshotUpdate>(watcher)).Snapshot.Sequence);

        const int people = 8, extensions = 200;
        var drawing = Enumerable.Range(0, people).Select(person => Task.Run(async () =>
        {
            var me = await EditorAsync(room);
            var id = $"p{person}";
            await AcceptedAsync(room.SubmitAsync(me, [Begin(id, 0, person)], CancellationToken.None));
            for (var i = 1; i <= extensions; i++)
            {
                await AcceptedAsync(room.SubmitAsync(me, [Extend(id, i, i, person)], CancellationToken.None));
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
        var alice = await EditorAsync(room);
        await room.SubmitAsync(alice, [Begin("s", 0, 0), Extend("s", 1, 1, 1)], CancellationToken.None);

        var late = await EditorAsync(room);
        var snapshot = await NextAsync<SnapshotUpdate>(late);
        var stroke = Assert.IsType<Stroke>(Assert.Single(snapshot.Snapshot.Elements));
        Assert.False(stroke.IsFinished);
        Assert.Equal(2, stroke.Points.Length);
        Assert.Equal(new BoardInfo("Physics", BoardAccess.Edit, board.EditKey, board.ViewKey, board.Changed), snapshot.Info with { Changed = board.Changed });

        await room.SubmitAsync(alice, [Extend("s", 2, 2, 2)], CancellationToken.None);
        var next = Assert.Single((await NextAsync<EventsUpdate>(late)).Events);
        Assert.Equal(snapshot.Snapshot.Sequence + 1, next.Sequence);
    }

    [Fact]
    public async Task People_joining_an_unchanged_board_share_one_snapshot_and_a_change_makes_a_new_one()
    {
        var alice = await EditorAsync(room);
        await AcceptedAsync(room.SubmitAsync(alice, [Begin("s", 0, 0)], CancellationToken.None));

        var first = (await NextAsync<SnapshotUpdate>(await EditorAsync(room))).Snapshot;
        var second = (await NextAsync<SnapshotUpdate>(await EditorAsync(room))).Snapshot;
        await AcceptedAsync(room.SubmitAsync(alice, [Extend("s", 1, 1, 1)], CancellationToken.None));
        var third = (await NextAsync<SnapshotUpdate>(await EditorAsync(room))).Snapshot;

        Assert.Same(first, second);
        Assert.Equal(1, Assert.IsType<Stroke>(Assert.Single(first.Elements)).Points.Length);
        Assert.Equal(first.Sequence + 1, third.Sequence);
        Assert.Equal(2, Assert.IsType<Stroke>(Assert.Single(third.Elements)).Points.Length);
    }

    [Fact]
    public async Task A_refused_operation_reaches_nobody_and_says_why()
    {
        var watcher = await EditorAsync(room);
        await NextAsync<SnapshotUpdate>(watcher);
        var someone = await EditorAsync(room);

        var result = await room.SubmitAsync(someone, [Extend("ghost", 1, 1, 1)], CancellationToken.None);
        Assert.False(result.IsAccepted);
        Assert.Contains("no element", result.Rejection, StringComparison.Ordinal);

        await room.SubmitAsync(someone, [Begin("real", 1, 1)], CancellationToken.None);
        var first = Assert.Single((await NextAsync<EventsUpdate>(watcher)).Events);
        Assert.Equal("real", IdOf(first.Change));
        Assert.Equal(1, first.Sequence);
    }

    [Fact]
    public async Task A_viewer_watches_and_everything_they_send_is_refused_and_reaches_nobody()
    {
        var viewer = await EditorAsync(room, board.ViewKey);
        var snapshot = await NextAsync<SnapshotUpdate>(viewer);
        Assert.Equal(BoardAccess.View, snapshot.Info.Access);
        Assert.Null(snapshot.Info.EditKey);

        var drawn = await room.SubmitAsync(viewer, [Begin("no", 0, 0)], CancellationToken.None);
        Assert.Contains("view-only", drawn.Rejection, StringComparison.Ordinal);
        Assert.False((await room.RenameAsync(viewer, "Mine now", CancellationToken.None)).IsAccepted);
        Assert.False((await room.ReplaceEditKeyAsync(viewer, CancellationToken.None)).IsValid);

        var editor = await EditorAsync(room);
        await AcceptedAsync(room.SubmitAsync(editor, [Begin("yes", 0, 0)], CancellationToken.None));
        var first = Assert.Single((await NextAsync<EventsUpdate>(viewer)).Events);
        Assert.Equal("yes", IdOf(first.Change));
        Assert.Equal(1, first.Sequence);
        var (record, _, _) = await room.ReadAsync(CancellationToken.None);
        Assert.Equal("Physics", record.Name);
        Assert.Null(await room.JoinAsync(ParticipantId.New(), BoardKey.New(), "Tester"));
    }

    [Fact]
    public async Task A_rename_reaches_everyone_and_a_bad_name_changes_nothing()
    {
        var editor = await EditorAsync(room);
        var viewer = await EditorAsync(room, board.ViewKey);
        await NextAsync<SnapshotUpdate>(viewer);

        Assert.False((await room.RenameAsync(editor, "   ", CancellationToken.None)).IsAccepted);
        Assert.False((await room.RenameAsync(editor, new string('x', 101), CancellationToken.None)).IsAccepted);
        Assert.False((await room.RenameAsync(editor, "two\nlines", CancellationToken.None)).IsAccepted);
        await AcceptedAsync(room.RenameAsync(editor, "  <b>Chemistry</b> ", CancellationToken.None));

        var renamed = await NextAsync<InfoUpdate>(viewer);
        Assert.Equal("<b>Chemistry</b>", renamed.Info.Name);
        Assert.Equal(BoardAccess.View, renamed.Info.Access);
        Assert.Equal("<b>Chemistry</b>", (await store.FindAsync(board.ViewKey, CancellationToken.None))!.Name);
    }

    [Fact]
    public async Task Replacing_the_edit_key_stops_the_old_link_and_leaves_its_holders_watching()
    {
        var replacer = await EditorAsync(room);
        var other = await EditorAsync(room);
        await NextAsync<SnapshotUpdate>(other);

        var replaced = await room.ReplaceEditKeyAsync(replacer, CancellationToken.None);
        Assert.True(replaced.IsValid);
        Assert.NotEqual(board.EditKey, replaced.Value);

        var info = await NextAsync<InfoUpdate>(other);
        Assert.Equal(BoardAccess.None, info.Info.Access);
        Assert.Null(info.Info.EditKey);
        Assert.Contains("replaced", (await room.SubmitAsync(other, [Begin("no", 0, 0)], CancellationToken.None)).Rejection, StringComparison.Ordinal);
        await AcceptedAsync(room.SubmitAsync(replacer, [Begin("yes", 0, 0)], CancellationToken.None));

        Assert.Null(await room.JoinAsync(ParticipantId.New(), board.EditKey, "Tester"));
        Assert.NotNull(await room.JoinAsync(ParticipantId.New(), replaced.Value, "Tester"));
        Assert.Null(await store.FindAsync(board.EditKey, CancellationToken.None));
        Assert.Equal(board.Id, (await store.FindAsync(replaced.Value, CancellationToken.None))!.Id);
    }

    [Fact]
    public async Task A_participant_who_stops_reading_is_resynchronised_and_never_stalls_the_room()
    {
        await using var small = await OpenRoomAsync(new BoardRoomOptions { SubscriberQueueCapacity = 4 });
        var stalled = await EditorAsync(small);
        var alice = await EditorAsync(small);
        await small.SubmitAsync(alice, [Begin("s", 0, 0)], CancellationToken.None);
        for (var i = 1; i <= 50; i++)
        {
            await AcceptedAsync(small.SubmitAsync(alice, [Extend("s", i, i, i)], CancellationToken.None).WaitAsync(Patience));
        }

        Assert.True(stalled.IsLagging);
        // As its session does: it takes what its queue holds, then asks for a snapshot in place of what it missed (a
        // snapshot offered to a full queue would not fit).
        while (stalled.Updates.TryRead(out _))
        {
        }

        await small.ResyncAsync(stalled, CancellationToken.None);
        var snapshot = await NextAsync<SnapshotUpdate>(stalled, s => s.Snapshot.Sequence > 0);
        Assert.Equal(51, Assert.IsType<Stroke>(Assert.Single(snapshot.Snapshot.Elements)).Points.Length);
        Assert.False(stalled.IsLagging);
    }

    [Fact]
    public async Task Leaving_finishes_half_drawn_strokes_and_updates_the_count()
    {
        var watcher = await EditorAsync(room);
        var leaving = await EditorAsync(room);
        await NextAsync<PeopleChangedUpdate>(watcher, p => p.Changes.Contains(SeatChange.Joined(new(leaving.Seat, "Tester", SeatColors.Palette[1], IsDrawing: false, IsConnected: true))));
        await room.SubmitAsync(leaving, [Begin("half", 0, 0)], CancellationToken.None);

        await room.LeaveAsync(leaving);

        var finished = await NextAsync<EventsUpdate>(watcher, u => u.Events.Any(e => e.Change is ElementFinished));
        Assert.Equal("half", IdOf(Assert.Single(finished.Events).Change));
        await NextAsync<PeopleChangedUpdate>(watcher, p => p.Changes.SequenceEqual([SeatChange.Left(leaving.Seat)]));
    }

    [Fact]
    public async Task A_reopened_room_replays_the_store_in_order()
    {
        var alice = await EditorAsync(room);
        await room.SubmitAsync(alice, [Begin("s", 0, 0), Extend("s", 1, 1, 1), End("s")], CancellationToken.None);

        await using var reopened = await OpenRoomAsync(new BoardRoomOptions());
        var viewer = await EditorAsync(reopened);
        var snapshot = await NextAsync<SnapshotUpdate>(viewer);
        Assert.Equal(3, snapshot.Snapshot.Sequence);
        var stroke = Assert.IsType<Stroke>(Assert.Single(snapshot.Snapshot.Elements));
        Assert.True(stroke.IsFinished);
        Assert.Equal(2, stroke.Points.Length);
    }

    [Fact]
    public async Task A_stroke_left_open_when_the_app_died_waits_for_its_author_and_is_finished_and_stored_when_the_board_closes()
    {
        var alice = ParticipantId.New();
        var drawing = (await room.JoinAsync(alice, board.EditKey, "Tester"))!;
        await room.SubmitAsync(drawing, [Begin("open", 0, 0), Extend("open", 1, 5, 5)], CancellationToken.None);

        await using (var reopened = await OpenRoomAsync(new BoardRoomOptions()))
        {
            var viewer = await EditorAsync(reopened);
            var stroke = Assert.IsType<Stroke>(Assert.Single((await NextAsync<SnapshotUpdate>(viewer)).Snapshot.Elements));
            Assert.False(stroke.IsFinished);
            Assert.Equal(2, stroke.Points.Length);
        }

        // Alice did not come back before the board closed: it was finished, and that is in the store, so she can undo it
        // like any finished stroke.
        await using var third = await OpenRoomAsync(new BoardRoomOptions());
        var back = (await third.JoinAsync(alice, board.EditKey, "Tester"))!;
        await AcceptedAsync(third.SubmitAsync(back, [new Undo(Op("u"))], CancellationToken.None));
    }

    [Fact]
    public async Task A_large_board_is_written_down_whole_and_loads_from_that_and_the_operations_after_it()
    {
        await using var busy = await OpenRoomAsync(new BoardRoomOptions { SnapshotEvery = 10 });
        var alice = ParticipantId.New();
        var drawing = (await busy.JoinAsync(alice, board.EditKey, "Tester"))!;
        for (var i = 0; i < 12; i++)
        {
            await AcceptedAsync(busy.SubmitAsync(drawing, [Begin($"s{i}", i, i), Extend($"s{i}", 1, i, i + 5), End($"s{i}")], CancellationToken.None));
        }

        await AcceptedAsync(busy.SubmitAsync(drawing, [new EraseElements(Op("e1"), [Id("s3")])], CancellationToken.None));
        var bob = await EditorAsync(busy);
        await AcceptedAsync(busy.SubmitAsync(bob, [Begin("open", 0, 0), Extend("open", 1, 3, 3)], CancellationToken.None));
        var before = (await busy.ReadAsync(CancellationToken.None)).Elements;

        // Snapshots are written beside the room's loop: wait until one has been.
        var stored = await store.LoadAsync(board.Id, CancellationToken.None);
        for (var waited = 0; stored.Snapshot is null && waited < 100; waited++)
        {
            await Task.Delay(50);
            stored = await store.LoadAsync(board.Id, CancellationToken.None);
        }

        // The operations it covers are gone; those after it are kept (a snapshot falling due while the last is
        // still being written waits for the next turn, so how many are after it depends on the timing).
        Assert.NotNull(stored.Snapshot);
        Assert.True(stored.SnapshotSequence >= 10);
        Assert.Equal(39 - stored.SnapshotSequence, stored.Operations.Count);
        Assert.All(stored.Operations, operation => Assert.True(operation.Sequence > stored.SnapshotSequence));

        await using var reopened = await OpenRoomAsync(new BoardRoomOptions());
        var after = (await reopened.ReadAsync(CancellationToken.None)).Elements;
        Assert.Equal(before.Select(e => e.Id), after.Select(e => e.Id));
        Assert.Equal(
            before.OfType<Stroke>().Select(s => s.Points.ToArray()).SelectMany(p => p),
            after.OfType<Stroke>().Select(s => s.Points.ToArray()).SelectMany(p => p));

        // History came through the snapshot: undoing the erase brings s3 back; ids are not reused.
        var back = (await reopened.JoinAsync(alice, board.EditKey, "Tester"))!;
        await AcceptedAsync(reopened.SubmitAsync(back, [new Undo(Op("u1"))], CancellationToken.None));
        Assert.Contains((await reopened.ReadAsync(CancellationToken.None)).Elements, e => e.Id == Id("s3"));
        var someoneElse = await EditorAsync(reopened);
        Assert.False((await reopened.SubmitAsync(someoneElse, [Begin("s0", 1, 1)], CancellationToken.None)).IsAccepted);
    }

    [Fact]
    public async Task A_board_nobody_is_on_is_unloaded_and_comes_back_whole()
    {
        var options = new BoardRoomOptions { UnloadAfter = TimeSpan.FromMinutes(10) };
        await using var rooms = LocalBoardGrains.Rooms(store, clock, options, NullLoggerFactory.Instance);
        var (first, alice) = (await rooms.JoinAsync(board.EditKey, ParticipantId.New(), "Tester", CancellationToken.None))!.Value;
        await AcceptedAsync(first.SubmitAsync(alice, [Rectangle("r", 0, 0, 10, 10)], CancellationToken.None));

        clock.Advance(TimeSpan.FromHours(1));
        await rooms.UnloadIdleAsync();
        Assert.Equal(1, rooms.LoadedCount);

        await rooms.LeaveAsync(first, alice);
        clock.Advance(TimeSpan.FromMinutes(9));
        await rooms.UnloadIdleAsync();
        Assert.Equal(1, rooms.LoadedCount);

        clock.Advance(TimeSpan.FromMinutes(2));
        await rooms.UnloadIdleAsync();
        Assert.Equal(0, rooms.LoadedCount);
        Assert.True(first.Stopped.IsCompleted);

        var (second, bob) = (await rooms.JoinAsync(board.ViewKey, ParticipantId.New(), "Tester", CancellationToken.None))!.Value;
        Assert.NotSame(first, second);
        var snapshot = await NextAsync<SnapshotUpdate>(bob);
        Assert.Equal(Id("r"), Assert.Single(snapshot.Snapshot.Elements).Id);
    }

    [Fact]
    public async Task What_the_store_could_not_keep_is_refused_with_the_reason_and_shown_to_nobody()
    {
        var failing = new FailingStore(store);
        await using var fragile = await OpenRoomAsync(new BoardRoomOptions(), failing);
        var watcher = await EditorAsync(fragile);
        await NextAsync<SnapshotUpdate>(watcher);
        var alice = await EditorAsync(fragile);

        failing.Failure = new SqliteException("database or disk is full", 13);
        var refused = await fragile.SubmitAsync(alice, [Begin("lost", 0, 0)], CancellationToken.None);
        Assert.Contains("not saved", refused.Rejection, StringComparison.Ordinal);
        Assert.Contains("disk is full", refused.Rejection, StringComparison.Ordinal);
        Assert.False((await fragile.RenameAsync(alice, "Lost name", CancellationToken.None)).IsAccepted);
        failing.Failure = new SqliteException("attempt to write a readonly database", 8);
        Assert.Contains("read-only", (await fragile.SubmitAsync(alice, [Begin("lost2", 0, 0)], CancellationToken.None)).Rejection, StringComparison.Ordinal);

        failing.Failure = null;
        await AcceptedAsync(fragile.SubmitAsync(alice, [Begin("kept", 0, 0)], CancellationToken.None));
        var published = Assert.Single((await NextAsync<EventsUpdate>(watcher)).Events);
        Assert.Equal("kept", IdOf(published.Change));
        Assert.Equal(1, published.Sequence);
        Assert.Equal("Physics", (await fragile.ReadAsync(CancellationToken.None)).Record.Name);
    }

    [Fact]
    public async Task Loading_a_board_ahead_of_its_page_returns_at_once_though_the_store_reads_synchronously()
    {
        using var loadsMayGo = new ManualResetEventSlim();
        var slow = new FailingStore(store) { LoadsWaitFor = loadsMayGo };
        await using var rooms = LocalBoardGrains.Rooms(slow, clock, new BoardRoomOptions(), NullLoggerFactory.Instance);
        var created = await rooms.CreateBoardAsync(new ImportedBoard("Large", [new Stroke(Id("s"), ParticipantId.New(), Black, Points(10, 10, 50, 50), Finished: true)]), CancellationToken.None);

        // The page's request starts the load and goes on: it is not held up for as long as the load takes.
        var starting = Task.Run(() => rooms.StartLoading(created));
        var first = await Task.WhenAny(starting, Task.Delay(Patience));
        loadsMayGo.Set();

        Assert.Same(starting, first);
        Assert.Equal(Id("s"), Assert.Single((await rooms.ReadAsync(created, CancellationToken.None)).Elements).Id);
        Assert.Equal(1, rooms.LoadedCount);
    }

    /// <summary>
    /// A store whose writes fail while told to, as a full disk or a read-only file makes them fail, and
    /// whose loads wait while told to, blocking the caller, as Microsoft.Data.Sqlite's reads do.
    /// </summary>
    private sealed class FailingStore(IBoardStore inner) : IBoardStore
    {
        public Exception? Failure { get; set; }

        public ManualResetEventSlim? LoadsWaitFor { get; init; }

        public Task CreateBoardAsync(BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken) =>
            Failure is { } failure ? throw failure : inner.CreateBoardAsync(board, content, cancellationToken);

        public Task<BoardRecord?> FindAsync(BoardKey key, CancellationToken cancellationToken) => inner.FindAsync(key, cancellationToken);

        public Task<BoardRecord?> FindAsync(BoardId board, CancellationToken cancellationToken) => inner.FindAsync(board, cancellationToken);

        public Task UpdateAsync(BoardRecord board, CancellationToken cancellationToken) =>
            Failure is { } failure ? throw failure : inner.UpdateAsync(board, cancellationToken);

        public Task AppendAsync(BoardId board, IReadOnlyList<StoredOperation> operations, DateTimeOffset changed, CancellationToken cancellationToken) =>
            Failure is { } failure ? throw failure : inner.AppendAsync(board, operations, changed, cancellationToken);

        public Task SaveSnapshotAsync(BoardId board, long sequence, BoardStateRecord state, CancellationToken cancellationToken) =>
            Failure is { } failure ? throw failure : inner.SaveSnapshotAsync(board, sequence, state, cancellationToken);

        public Task<StoredBoard> LoadAsync(BoardId board, CancellationToken cancellationToken)
        {
            LoadsWaitFor?.Wait(cancellationToken);
            return inner.LoadAsync(board, cancellationToken);
        }

        public Task<string?> CheckAsync(CancellationToken cancellationToken) => inner.CheckAsync(cancellationToken);
    }
}
