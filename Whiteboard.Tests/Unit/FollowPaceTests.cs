using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using static Whiteboard.Tests.Infrastructure.Ink;
using static Whiteboard.Tests.Infrastructure.RoomUpdates;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// A crowded room follows a busy writer once a frame (<see cref="BoardRoom.FollowPace"/>), a larger crowd every other
/// frame (<see cref="BoardRoom.PaceFor"/>): each of its people is sent a message per answer, so an answer per writer
/// turn cost every one of them hundreds of messages a second.
/// </summary>
public sealed class FollowPaceTests : IAsyncLifetime
{
    private const int Strokes = 40;

    private readonly InMemoryBoardStore store = new();
    private readonly BoardRoomOptions options = new() { SubscriberQueueCapacity = 4096 };
    private readonly List<BoardRoom> rooms = [];
    private BoardRecord board = null!;
    private IBoardGrain writer = null!;

    public async Task InitializeAsync()
    {
        board = new BoardRecord(BoardId.New(), "Crowd", BoardKey.New(), BoardKey.New(), TimeProvider.System.GetUtcNow());
        await store.CreateBoardAsync(board, content: null, CancellationToken.None);
        writer = new LocalBoardGrains(store, TimeProvider.System, options, NullLoggerFactory.Instance).Of(board.Id);
    }

    public async Task DisposeAsync()
    {
        foreach (var room in rooms)
        {
            await room.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(BoardRoom.PacedFrom)]
    [InlineData(BoardRoom.TwoFramesFrom)]
    public async Task A_crowded_room_asks_its_writer_for_news_at_most_at_its_pace_and_its_people_still_get_every_change_in_order(int people)
    {
        var drawing = await InstanceAsync(writer);
        var questions = new AskedQuestions(writer);
        var crowded = await InstanceAsync(questions);
        var ada = await JoinAsync(drawing, "Ada");
        var crowd = new List<RoomSubscription>();
        for (var person = 0; person < people; person++)
        {
            crowd.Add(await JoinAsync(crowded, $"Person {person}"));
        }

        // Each stroke is a turn of the writer of its own: a room that asked again at once would have an answer for each.
        for (var stroke = 0; stroke < Strokes; stroke++)
        {
            await AcceptedAsync(drawing.SubmitAsync(ada, [Begin($"s{stroke}", stroke, stroke)], CancellationToken.None));
        }

        foreach (var person in new[] { crowd[0], crowd[^1] })
        {
            var seen = new List<ElementId>();
            while (seen.Count < Strokes)
            {
                var news = await NextAsync<EventsUpdate>(person);
                seen.AddRange(news.Events.Select(change => change.Change).OfType<StrokeStarted>().Select(started => started.Stroke.Id));
            }

            Assert.Equal(Enumerable.Range(0, Strokes).Select(stroke => Id($"s{stroke}")), seen);
        }

        // The room times its pace from just before it asks, the note from just after: on a busy machine a thread may be
        // put aside between the two, hence the leeway of half a frame. A room that asks again at once does so well within
        // a millisecond, and one a pace too quick a frame early.
        var gaps = await questions.GapsAfterNewsAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotEmpty(gaps);
        var least = BoardRoom.PaceFor(people) - BoardRoom.FollowPace / 2;
        Assert.All(gaps, gap => Assert.True(gap >= least, $"asked again after {gap.TotalMilliseconds} ms"));
    }

    private async Task<BoardRoom> InstanceAsync(IBoardGrain through)
    {
        var room = await BoardRoom.LoadAsync(board, through, TimeProvider.System, NullLogger.Instance, options, CancellationToken.None);
        rooms.Add(room);
        return room;
    }

    private async Task<RoomSubscription> JoinAsync(BoardRoom room, string name) =>
        (await room.JoinAsync(ParticipantId.New(), board.EditKey, name))!;

    /// <summary>A relay's way to the writer that notes when each question for news was asked, and whether its answer had operations.</summary>
    private sealed class AskedQuestions(IBoardGrain inner) : IBoardGrain
    {
        private readonly Lock gate = new();
        private readonly List<(TimeSpan Asked, bool HadNews)> questions = [];
        private readonly long start = TimeProvider.System.GetTimestamp();
        private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<byte[]> AskAsync(string relay, byte[] requests) => inner.AskAsync(relay, requests);

        public async Task<byte[]> ListenAsync(string relay, byte[] cursor)
        {
            int index;
            lock (gate)
            {
                index = questions.Count;
                questions.Add((TimeProvider.System.GetElapsedTime(start), false));
                Changed();
            }

            var answer = await inner.ListenAsync(relay, cursor);
            if (RelayJson.Decode<RelayFeed>(answer).Operations.Count > 0)
            {
                lock (gate)
                {
                    questions[index] = questions[index] with { HadNews = true };
                    Changed();
                }
            }

            return answer;
        }

        public Task ForgetRelayAsync(string relay) => inner.ForgetRelayAsync(relay);

        /// <summary>Once the relay has asked again after its latest answer with operations: for each such answer, how long after its question the next was asked.</summary>
        public async Task<List<TimeSpan>> GapsAfterNewsAsync()
        {
            while (true)
            {
                Task next;
                lock (gate)
                {
                    if (questions.Any(question => question.HadNews) && !questions[^1].HadNews)
                    {
                        return [.. questions.Zip(questions.Skip(1)).Where(pair => pair.First.HadNews).Select(pair => pair.Second.Asked - pair.First.Asked)];
                    }

                    next = changed.Task;
                }

                await next;
            }
        }

        private void Changed()
        {
            var was = changed;
            changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            was.TrySetResult();
        }
    }
}
