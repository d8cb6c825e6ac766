using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using Whiteboard.Tests.Infrastructure;
using static Whiteboard.Tests.Infrastructure.Ink;
using static Whiteboard.Tests.Infrastructure.RoomUpdates;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// Rooms on several instances following one board's writer (issue 22), without Orleans: each room here stands for an
/// instance's relay. What one instance's people do shows on the others'; a relay that misses news, or whose writer
/// restarts, catches up before it shows more.
/// </summary>
public sealed class RelayTests : IAsyncLifetime
{
    private readonly InMemoryBoardStore store = new();
    private readonly ManualClock clock = new();
    private readonly BoardRoomOptions options = new() { SubscriberQueueCapacity = 4096 };
    private readonly List<BoardRoom> rooms = [];
    private BoardRecord board = null!;
    private ReplaceableWriter writer = null!;

    public async Task InitializeAsync()
    {
        board = new BoardRecord(BoardId.New(), "Relays", BoardKey.New(), BoardKey.New(), clock.GetUtcNow());
        await store.CreateBoardAsync(board, content: null, CancellationToken.None);
        writer = new ReplaceableWriter(NewWriter());
    }

    public async Task DisposeAsync()
    {
        foreach (var room in rooms)
        {
            await room.DisposeAsync();
        }
    }

    private IBoardGrain NewWriter() => new LocalBoardGrains(store, clock, options, NullLoggerFactory.Instance).Of(board.Id);

    /// <summary>A room on another instance: its own relay to the same writer.</summary>
    private async Task<BoardRoom> InstanceAsync(IBoardGrain? through = null)
    {
        var room = await BoardRoom.LoadAsync(board, through ?? writer, clock, NullLogger.Instance, options, CancellationToken.None);
        rooms.Add(room);
        return room;
    }

    private async Task<RoomSubscription> JoinAsync(BoardRoom room, string name) =>
        (await room.JoinAsync(ParticipantId.New(), board.EditKey, name))!;

    private static IEnumerable<ElementId> IdsIn(EventsUpdate update) =>
        update.Events.Select(change => change.Change).OfType<StrokeStarted>().Select(started => started.Stroke.Id);

    /// <summary>Waits until the element shows for the subscriber: a room following a restarted writer starts from its whole board.</summary>
    private static Task<RoomUpdate> SeenAsync(RoomSubscription subscription, string id) => NextAsync<RoomUpdate>(subscription, update => update switch
    {
        SnapshotUpdate whole => whole.Snapshot.Elements.Any(element => element.Id == Id(id)),
        EventsUpdate news => IdsIn(news).Contains(Id(id)),
        _ => false,
    });

    [Fact]
    public async Task Ink_drawn_on_one_instance_reaches_the_other_in_one_order_and_a_late_joiner_there_sees_it_all()
    {
        var (first, second) = (await InstanceAsync(), await InstanceAsync());
        var ada = await JoinAsync(first, "Ada");
        var bob = await JoinAsync(second, "Bob");
        var bobsSnapshot = await NextAsync<SnapshotUpdate>(bob);
        Assert.Contains(bobsSnapshot.People, seat => seat.Name == "Ada");

        await AcceptedAsync(first.SubmitAsync(ada, [Begin("a", 1, 1)], CancellationToken.None));
        await AcceptedAsync(second.SubmitAsync(bob, [Begin("b", 2, 2)], CancellationToken.None));

        var seenByBob = await NextAsync<EventsUpdate>(bob, update => IdsIn(update).Contains(Id("a")));
        var seenByAda = await NextAsync<EventsUpdate>(ada, update => IdsIn(update).Contains(Id("b")));
        Assert.Equal(1, seenByBob.Events.Single().Sequence);
        Assert.Equal(2, seenByAda.Events.Single().Sequence);

        var late = await JoinAsync(second, "Cy");
        var snapshot = await NextAsync<SnapshotUpdate>(late);
        Assert.Equal([Id("a"), Id("b")], snapshot.Snapshot.Elements.Select(element => element.Id));
        Assert.Equal(["Ada", "Bob", "Cy"], snapshot.People.Select(seat => seat.Name));
    }

    [Fact]
    public async Task Someone_leaving_on_one_instance_leaves_the_list_on_the_other_and_their_half_drawn_stroke_is_finished()
    {
        var (first, second) = (await InstanceAsync(), await InstanceAsync());
        var ada = await JoinAsync(first, "Ada");
        var bob = await JoinAsync(second, "Bob");
        await AcceptedAsync(first.SubmitAsync(ada, [Begin("a", 1, 1)], CancellationToken.None));

        await first.LeaveAsync(ada);

        var left = await NextAsync<PeopleChangedUpdate>(bob, update => update.Changes.Any(change => change.Change == "left"));
        Assert.Equal(ada.Seat, left.Changes.Single(change => change.Change == "left").Number);
        var (_, elements, _) = await second.ReadAsync(CancellationToken.None);
        Assert.True(elements.Single().IsFinished);
    }

    [Fact]
    public async Task A_relay_that_misses_news_asks_for_the_whole_board_and_its_people_get_it_before_more()
    {
        var lossy = new LossyWriter(writer);
        var (first, second) = (await InstanceAsync(), await InstanceAsync(lossy));
        var ada = await JoinAsync(first, "Ada");
        var bob = await JoinAsync(second, "Bob");
        await NextAsync<SnapshotUpdate>(bob);

        // Both in one turn of the writer, so in one piece of news: its first operation is lost on the way.
        lossy.DropNextOperation();
        await AcceptedAsync(first.SubmitAsync(ada, [Begin("lost", 1, 1), Begin("after", 2, 2)], CancellationToken.None));

        var caughtUp = await NextAsync<SnapshotUpdate>(bob);
        Assert.Equal([Id("lost"), Id("after")], caughtUp.Snapshot.Elements.Select(element => element.Id));
        Assert.Equal(2, caughtUp.Snapshot.Sequence);
    }

    [Fact]
    public async Task When_the_writer_restarts_everyone_is_seated_again_in_their_own_seat_and_drawing_goes_on()
    {
        var (first, second) = (await InstanceAsync(), await InstanceAsync());
        var ada = await JoinAsync(first, "Ada");
        var bob = await JoinAsync(second, "Bob");
        await AcceptedAsync(first.SubmitAsync(ada, [Begin("before", 1, 1)], CancellationToken.None));
        var adasSeat = ada.Seat;

        // Its instance died: the grain comes back elsewhere, loading the board from the store, knowing nobody.
        writer.Replace(NewWriter());

        await AcceptedAsync(first.SubmitAsync(ada, [Begin("after", 2, 2)], CancellationToken.None));
        await SeenAsync(bob, "after");
        Assert.Equal(adasSeat, ada.Seat);
        var (_, elements, _) = await second.ReadAsync(CancellationToken.None);
        Assert.Equal([Id("before"), Id("after")], elements.Select(element => element.Id));
        var late = await NextAsync<SnapshotUpdate>(await JoinAsync(second, "Cy"));
        Assert.Contains(late.People, seat => seat.Number == adasSeat && seat.Name == "Ada");
    }

    [Fact]
    public async Task A_request_that_reaches_a_restarted_writer_before_its_relay_noticed_is_asked_again_once_everyone_is_seated_again()
    {
        var (first, second) = (await InstanceAsync(), await InstanceAsync());
        var ada = await JoinAsync(first, "Ada");
        var bob = await JoinAsync(second, "Bob");
        await NextAsync<SnapshotUpdate>(bob);

        var adasSeat = ada.Seat;

        // Ada draws at once: her request reaches the new writer before her room's question to the old one has failed.
        writer.Replace(NewWriter());
        await AcceptedAsync(first.SubmitAsync(ada, [Begin("at-once", 1, 1)], CancellationToken.None));

        await SeenAsync(bob, "at-once");
        Assert.Equal(adasSeat, ada.Seat);
    }

    [Fact]
    public async Task Ink_half_drawn_when_the_writer_restarts_is_drawn_on_by_its_author()
    {
        var first = await InstanceAsync();
        var ada = await JoinAsync(first, "Ada");
        await AcceptedAsync(first.SubmitAsync(ada, [Begin("half", 1, 1)], CancellationToken.None));

        // The writer's instance dies in the middle of Ada's stroke; she draws on, on her own instance.
        writer.Replace(NewWriter());
        await AcceptedAsync(first.SubmitAsync(ada, [Extend("half", 1, 5, 5), End("half")], CancellationToken.None));

        var (_, elements, _) = await first.ReadAsync(CancellationToken.None);
        var stroke = Assert.IsType<Stroke>(Assert.Single(elements));
        Assert.Equal([new StrokePoint(1, 1, 0.5f), new StrokePoint(5, 5, 0.5f)], stroke.Points.ToArray());
        Assert.True(stroke.IsFinished);
    }

    [Fact]
    public async Task Ink_half_drawn_by_someone_whose_instance_died_with_the_writer_is_finished_once_they_are_not_back_in_time()
    {
        var adasWay = new SilencedWriter(writer);
        var (first, second) = (await InstanceAsync(adasWay), await InstanceAsync());
        var ada = await JoinAsync(first, "Ada");
        var bob = await JoinAsync(second, "Bob");
        await AcceptedAsync(first.SubmitAsync(ada, [Begin("left", 1, 1)], CancellationToken.None));
        await NextAsync<EventsUpdate>(bob, update => IdsIn(update).Contains(Id("left")));

        // Ada's instance and the writer's die together; the writer comes back, and Bob's relay follows it.
        adasWay.Silence();
        var boardWriter = (await BoardWriter.LoadAsync(board.Id, store, clock, NullLogger.Instance, options, CancellationToken.None))!;
        writer.Replace(new WriterGrain(boardWriter));
        await AcceptedAsync(second.SubmitAsync(bob, [Begin("b", 2, 2)], CancellationToken.None));

        await boardWriter.ForgetTheAbsentAsync(BoardGrain.RelayPatience);
        Assert.False(Only("left", (await second.ReadAsync(CancellationToken.None)).Elements).IsFinished);

        clock.Advance(BoardGrain.RelayPatience * 2);
        await boardWriter.ForgetTheAbsentAsync(BoardGrain.RelayPatience);
        await NextAsync<EventsUpdate>(bob, update => update.Events.Any(change => change.Change is ElementFinished { Element.Id.Value: "left" }));
        Assert.True(Only("left", (await second.ReadAsync(CancellationToken.None)).Elements).IsFinished);
    }

    [Fact]
    public async Task Ink_half_drawn_when_the_writer_restarts_that_its_author_back_does_not_draw_on_is_finished_after_the_patience()
    {
        var first = await InstanceAsync();
        var ada = await JoinAsync(first, "Ada");
        await AcceptedAsync(first.SubmitAsync(ada, [Begin("kept", 1, 1)], CancellationToken.None));

        // The writer restarts; Ada's reloaded page sends the rest of what it kept as a stroke of its own, never ending "kept".
        var boardWriter = (await BoardWriter.LoadAsync(board.Id, store, clock, NullLogger.Instance, options, CancellationToken.None))!;
        writer.Replace(new WriterGrain(boardWriter));
        await AcceptedAsync(first.SubmitAsync(ada, [Begin("rest", 2, 2)], CancellationToken.None));

        clock.Advance(BoardGrain.RelayPatience * 2);
        await boardWriter.ForgetTheAbsentAsync(BoardGrain.RelayPatience);

        await NextAsync<RoomUpdate>(ada, update => update switch
        {
            SnapshotUpdate whole => whole.Snapshot.Elements.Any(element => element is { IsFinished: true, Id.Value: "kept" }),
            EventsUpdate news => news.Events.Any(change => change.Change is ElementFinished { Element.Id.Value: "kept" }),
            _ => false,
        });
        var (_, elements, _) = await first.ReadAsync(CancellationToken.None);
        Assert.True(Only("kept", elements).IsFinished);
        Assert.False(Only("rest", elements).IsFinished);
    }

    private static BoardElement Only(string id, IEnumerable<BoardElement> elements) => elements.Single(element => element.Id == Id(id));

    [Fact]
    public async Task The_seats_of_a_relay_gone_silent_are_given_back_and_the_others_see_them_leave()
    {
        var boardWriter = (await BoardWriter.LoadAsync(board.Id, store, clock, NullLogger.Instance, options, CancellationToken.None))!;
        var direct = new WriterGrain(boardWriter);
        var silent = new SilencedWriter(direct);
        var (first, second) = (await InstanceAsync(silent), await InstanceAsync(direct));
        var ada = await JoinAsync(first, "Ada");
        var bob = await JoinAsync(second, "Bob");
        await NextAsync<SnapshotUpdate>(bob);

        // Ada's instance stops answering (it died without a word), and time passes. Bob draws: news that ends the
        // question Ada's relay had waiting, the last the writer hears from it.
        silent.Silence();
        clock.Advance(BoardGrain.RelayPatience * 2);
        await AcceptedAsync(second.SubmitAsync(bob, [Begin("b", 1, 1)], CancellationToken.None));

        var leaving = NextAsync<PeopleChangedUpdate>(bob, update => update.Changes.Any(change => change.Change == "left"));
        while (!leaving.IsCompleted)
        {
            // What the grain's timer does every few seconds.
            await boardWriter.ForgetTheAbsentAsync(BoardGrain.RelayPatience);
            await Task.WhenAny(leaving, Task.Delay(TimeSpan.FromMilliseconds(50)));
        }

        Assert.Equal(ada.Seat, (await leaving).Changes.Single(change => change.Change == "left").Number);
    }

    /// <summary>A board's writer reached directly, as its grain would be.</summary>
    private sealed class WriterGrain(BoardWriter writer) : IBoardGrain
    {
        public Task<byte[]> AskAsync(string relay, byte[] requests) => writer.AskAsync(relay, requests);

        public Task<byte[]> ListenAsync(string relay, byte[] cursor) => writer.ListenAsync(relay, cursor);

        public Task ForgetRelayAsync(string relay) => writer.ForgetRelayAsync(relay);
    }

    /// <summary>
    /// A writer whose grain can be swapped for a new activation, as Orleans does when its instance dies: the questions
    /// waiting at the old one fail, as calls to a dead instance do.
    /// </summary>
    private sealed class ReplaceableWriter(IBoardGrain first) : IBoardGrain
    {
        private volatile IBoardGrain current = first;
        private volatile TaskCompletionSource<byte[]> died = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Replace(IBoardGrain next)
        {
            var dying = died;
            (current, died) = (next, new(TaskCreationOptions.RunContinuationsAsynchronously));
            dying.TrySetException(new IOException("The writer's instance died."));
        }

        public Task<byte[]> AskAsync(string relay, byte[] requests) => current.AskAsync(relay, requests);

        public async Task<byte[]> ListenAsync(string relay, byte[] cursor) => await await Task.WhenAny(current.ListenAsync(relay, cursor), died.Task);

        public Task ForgetRelayAsync(string relay) => current.ForgetRelayAsync(relay);
    }

    /// <summary>A writer whose news to one relay loses an operation when told to: a message lost on its way.</summary>
    private sealed class LossyWriter(IBoardGrain inner) : IBoardGrain
    {
        private volatile bool dropNext;

        public void DropNextOperation() => dropNext = true;

        public Task<byte[]> AskAsync(string relay, byte[] requests) => inner.AskAsync(relay, requests);

        public async Task<byte[]> ListenAsync(string relay, byte[] cursor)
        {
            var feed = RelayJson.Decode<RelayFeed>(await inner.ListenAsync(relay, cursor));
            if (dropNext && feed.Operations.Count > 0)
            {
                dropNext = false;
                feed = feed with { Operations = [.. feed.Operations.Skip(1)] };
            }

            return RelayJson.Encode(feed);
        }

        public Task ForgetRelayAsync(string relay) => inner.ForgetRelayAsync(relay);
    }

    /// <summary>A relay's way to the writer that goes quiet: its questions never end, as if its instance had died.</summary>
    private sealed class SilencedWriter(IBoardGrain inner) : IBoardGrain
    {
        private readonly TaskCompletionSource<byte[]> never = new();
        private volatile bool silenced;

        public void Silence() => silenced = true;

        public Task<byte[]> AskAsync(string relay, byte[] requests) => silenced ? never.Task : inner.AskAsync(relay, requests);

        public Task<byte[]> ListenAsync(string relay, byte[] cursor) => silenced ? never.Task : inner.ListenAsync(relay, cursor);

        public Task ForgetRelayAsync(string relay) => silenced ? Task.CompletedTask : inner.ForgetRelayAsync(relay);
    }
}
