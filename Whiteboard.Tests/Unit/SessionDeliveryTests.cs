using System.Threading.Channels;
using Whiteboard.App.Boards;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.State;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Unit;

/// <summary>How a session hands the room's updates to its page: without waiting for each answer, but never without limit.</summary>
public sealed class SessionDeliveryTests() : SessionsOnOneBoard(new BoardRoomOptions { SubscriberQueueCapacity = 2 })
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly SlowPage page = new();

    public override async Task DisposeAsync()
    {
        page.AnswerAll(); // a session leaving waits for its page's answers
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_page_gets_the_next_batches_before_answering_the_last_and_one_that_stops_answering_gets_a_snapshot()
    {
        // The writer comes first and writes text, which changes nobody's presence: each change is one batch.
        var writer = await JoinSessionAsync("Writer", _ => Task.CompletedTask);
        await JoinSessionAsync("Page", page.ShowAsync);
        await page.NextAsync(); // the snapshot, not answered

        // Each change reaches the page while everything before it is still unanswered, in order (the first
        // one at least, however few a page may have unanswered).
        var early = Enumerable.Range(1, Math.Max(1, BoardSession.ShowsInFlight - 1)).Select(n => $"early{n}").ToList();
        foreach (var id in early)
        {
            await WriteAsync(writer, id);
            Assert.Equal([id], Written(await page.NextAsync()));
        }

        // With as many unanswered as a page may have, what follows waits in the room's queue (two places
        // here), which the third fills: the session falls behind, and nothing more reaches the page meanwhile.
        string[] late = ["late1", "late2", "late3"];
        foreach (var id in late)
        {
            await WriteAsync(writer, id);
        }

        Assert.Equal(BoardSession.ShowsInFlight, page.Shown);
        page.AnswerAll();

        var snapshot = (await page.NextAsync(batch => batch.OfType<SnapshotUpdate>().Any())).OfType<SnapshotUpdate>().Single();
        Assert.Equal([.. early, .. late], snapshot.Snapshot.Elements.Select(element => element.Id.Value));
    }

    private static async Task WriteAsync(BoardSession writer, string id)
    {
        var result = await writer.SubmitAsync([new BoardMessage("text", id, Points: [10, 10], Color: "#000000", Width: 4, Text: id)]);
        Assert.True(result.IsAccepted, result.Rejection);
    }

    private static IEnumerable<string> Written(IReadOnlyList<RoomUpdate> batch) =>
        batch.OfType<EventsUpdate>().SelectMany(events => events.Events).Select(boardEvent => boardEvent.Change)
            .OfType<ElementsDrawn>().SelectMany(drawn => drawn.Elements).Select(element => element.Id.Value);

    /// <summary>A page that answers nothing until told to.</summary>
    private sealed class SlowPage
    {
        private readonly Channel<IReadOnlyList<RoomUpdate>> batches = Channel.CreateUnbounded<IReadOnlyList<RoomUpdate>>();
        private readonly TaskCompletionSource answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int shown;

        public int Shown => Volatile.Read(ref shown);

        public Task ShowAsync(IReadOnlyList<RoomUpdate> batch)
        {
            Interlocked.Increment(ref shown);
            batches.Writer.TryWrite(batch);
            return answered.Task;
        }

        public void AnswerAll() => answered.TrySetResult();

        /// <summary>The next batch handed to the page (that <paramref name="matching"/> one, skipping others).</summary>
        public async Task<IReadOnlyList<RoomUpdate>> NextAsync(Func<IReadOnlyList<RoomUpdate>, bool>? matching = null)
        {
            while (true)
            {
                var batch = await batches.Reader.ReadAsync().AsTask().WaitAsync(Patience);
                if (matching is null || matching(batch))
                {
                    return batch;
                }
            }
        }
    }
}
