using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App.Boards;
using Whiteboard.App.Canvas;
using Whiteboard.App.Hubs;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.State;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// Readers of a large board that fell behind: its snapshot is made once for all of them (and written to each hub
/// connection in parts), and only so many are sent it at once, while the room and everyone else go on.
/// </summary>
public sealed class SharedSnapshotTests : IAsyncLifetime
{
    private const int Readers = SnapshotSends.AtOnce + 2;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ParticipantTokens tokens = new(new EphemeralDataProtectionProvider());
    private readonly List<BoardSession> sessions = [];
    private readonly List<HubPage> pages = [];
    private readonly ManualClock clock = new();
    private BoardRooms rooms = null!;
    private BoardKey key;
    private List<string> elementIds = null!;

    public async Task InitializeAsync()
    {
        // 60 strokes of 2,000 points: well over what a snapshot may weigh before it waits its turn.
        var author = ParticipantId.New();
        var strokes = Enumerable.Range(0, 60).Select(BoardElement (line) => new Stroke(Ink.Id($"line{line}"), author, Ink.Black,
            Enumerable.Range(0, 2_000).Select(point => new StrokePoint(point, line, 0.5f)).ToArray(), Finished: true)).ToList();
        elementIds = [.. strokes.Select(stroke => stroke.Id.Value)];
        rooms = LocalBoardGrains.Rooms(new InMemoryBoardStore(), clock, new BoardRoomOptions(), NullLoggerFactory.Instance);
        key = (await rooms.CreateBoardAsync(new ImportedBoard("Large", strokes), CancellationToken.None)).EditKey;
    }

    public async Task DisposeAsync()
    {
        // A session leaving waits for what its page is still showing.
        foreach (var page in pages)
        {
            page.Release();
        }

        foreach (var session in sessions)
        {
            await session.DisposeAsync();
        }

        await rooms.DisposeAsync();
    }

    private async Task<BoardSession> JoinAsync(string name, Func<IReadOnlyList<RoomUpdate>, Task> show)
    {
        var session = new BoardSession(rooms, tokens, clock, NullLogger<BoardSession>.Instance);
        sessions.Add(session);
        Assert.Null(await session.JoinAsync(key, name, show));
        return session;
    }

    private static async Task WriteAsync(BoardSession writer, string id)
    {
        var result = await writer.SubmitAsync([new BoardMessage("text", id, Points: [10, 10], Color: "#000000", Width: 4, Text: id)]);
        Assert.True(result.IsAccepted, result.Rejection);
    }

    /// <summary>An update as the hub client reads it, from the JSON its connection is sent.</summary>
    private static HubUpdate AsReceived(HubPayload payload) =>
        JsonSerializer.Deserialize<HubUpdate>(JsonSerializer.SerializeToUtf8Bytes(payload, Json), Json)!;

    [Fact]
    public async Task Hub_readers_that_fell_behind_share_one_snapshot_and_all_catch_up()
    {
        var writer = await JoinAsync("Writer", _ => Task.CompletedTask);
        pages.AddRange(Enumerable.Range(0, Readers).Select(_ => new HubPage()));
        var readers = new List<BoardSession>();
        foreach (var (page, n) in pages.Select((page, n) => (page, n)))
        {
            readers.Add(await JoinAsync($"Reader {n}", page.ShowAsync));
        }

        var joined = new List<SentSnapshot>();
        foreach (var page in pages)
        {
            joined.Add(await page.NextSnapshotAsync());
        }

        Assert.All(joined, sent => Assert.Same(joined[0].Shared, sent.Shared));

        // The board changes; every reader falls behind (as a connection coming back does) and is sent the new board.
        await WriteAsync(writer, "after");
        foreach (var reader in readers)
        {
            await reader.SetConnectedAsync(true);
        }

        var caughtUp = new List<SentSnapshot>();
        foreach (var page in pages)
        {
            caughtUp.Add(await page.NextSnapshotAsync());
        }

        Assert.NotSame(joined[0].Shared, caughtUp[0].Shared);
        Assert.All(caughtUp, sent => Assert.Same(caughtUp[0].Shared, sent.Shared));
        foreach (var (sent, n) in caughtUp.Select((sent, n) => (sent, n)))
        {
            var received = sent.Received;
            Assert.Equal([.. elementIds, "after"], received.Elements!.Select(element => element.Id));
            Assert.Equal(readers[n].Seat, received.YourSeat);
            Assert.Equal("edit", received.Info!.Access);
        }
    }

    [Fact]
    public async Task Past_the_bound_readers_wait_their_turn_while_the_room_and_the_others_go_on()
    {
        var writer = await JoinAsync("Writer", _ => Task.CompletedTask);
        var watcher = new HubPage();
        await JoinAsync("Watcher", watcher.ShowAsync);
        await watcher.NextSnapshotAsync();
        var holding = Channel.CreateUnbounded<HubPage>();
        pages.AddRange(Enumerable.Range(0, Readers).Select(_ => new HubPage(holding)));
        var readers = new List<BoardSession>();
        foreach (var (page, n) in pages.Select((page, n) => (page, n)))
        {
            readers.Add(await JoinAsync($"Reader {n}", page.ShowAsync));
            await page.NextSnapshotAsync();
        }

        // Every reader falls behind at once, and its page holds on to the snapshot it is sent.
        foreach (var page in pages)
        {
            page.HoldSnapshots();
        }

        foreach (var reader in readers)
        {
            await reader.SetConnectedAsync(true);
        }

        var first = new List<HubPage>();
        while (first.Count < SnapshotSends.AtOnce)
        {
            first.Add(await holding.Reader.ReadAsync().AsTask().WaitAsync(Patience));
        }

        // The room still takes changes, and a participant who kept up is sent them.
        await WriteAsync(writer, "meanwhile");
        await watcher.SeesAsync("meanwhile");
        Assert.Equal(SnapshotSends.AtOnce, pages.Count(page => page.Holding));

        // Each snapshot shown lets one more reader go, until every one has caught up.
        first[0].Release();
        var next = await holding.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.DoesNotContain(next, first);
        Assert.Equal(SnapshotSends.AtOnce, pages.Count(page => page.Holding));
        foreach (var page in pages)
        {
            page.Release();
        }

        await Task.WhenAll(pages.Select(page => page.SeesAsync("meanwhile")));
    }

    [Fact]
    public async Task A_circuit_reader_that_fell_behind_is_shown_the_shared_drawing_of_the_snapshot_and_the_changes_after_it_apart()
    {
        var writer = await JoinAsync("Writer", _ => Task.CompletedTask);
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = Channel.CreateUnbounded<IReadOnlyList<RoomUpdate>>();
        var reader = await JoinAsync("Reader", batch =>
        {
            batches.Writer.TryWrite(batch);
            return answered.Task;
        });

        // The page answers nothing: once as many batches as a page may leave unanswered are out, the rest waits.
        var shown = 0;
        for (var n = 0; shown < BoardSession.ShowsInFlight; n++)
        {
            await WriteAsync(writer, $"early{n}");
            while (!(await batches.Reader.ReadAsync().AsTask().WaitAsync(Patience)).OfType<EventsUpdate>().Any())
            {
                shown++;
            }

            shown++;
        }

        // Meanwhile the reader falls behind, and the board changes after the snapshot it is sent.
        await reader.SetConnectedAsync(true);
        await WriteAsync(writer, "after");
        answered.SetResult();

        var withSnapshot = await batches.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        while (!withSnapshot.OfType<SnapshotUpdate>().Any())
        {
            withSnapshot = await batches.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        }

        var snapshot = withSnapshot.OfType<SnapshotUpdate>().Single();
        Assert.Same(SnapshotDrawing.Of(snapshot.Snapshot).Bytes, CanvasBatch.From(withSnapshot).Bytes());
        var after = await batches.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Contains("after", after.OfType<EventsUpdate>().SelectMany(events => events.Events).Select(change => change.Change)
            .OfType<ElementsDrawn>().SelectMany(drawn => drawn.Elements).Select(element => element.Id.Value));
    }

    /// <summary>A hub connection's end of the board: the JSON it is sent, and, when told to, slow to take a snapshot in.</summary>
    private sealed class HubPage(Channel<HubPage>? holders = null)
    {
        private readonly Channel<SentSnapshot> snapshots = Channel.CreateUnbounded<SentSnapshot>();
        private readonly Channel<HubUpdate> received = Channel.CreateUnbounded<HubUpdate>();
        private TaskCompletionSource? held;
        private volatile bool holdSnapshots;

        public bool Holding => held is { Task.IsCompleted: false };

        public void HoldSnapshots() => holdSnapshots = true;

        public void Release()
        {
            holdSnapshots = false;
            held?.TrySetResult();
        }

        public Task ShowAsync(IReadOnlyList<RoomUpdate> batch)
        {
            // A snapshot's parts are put together, as a hub client does.
            var shown = new List<HubUpdate>();
            var shared = new List<(BoardSnapshot Snapshot, int At)>();
            foreach (var payload in HubUpdate.MessagesOf(batch).SelectMany(message => message))
            {
                var update = AsReceived(payload);
                if (update.Kind == "snapshot-part")
                {
                    shown[^1] = shown[^1] with { Elements = [.. shown[^1].Elements!, .. update.Elements!] };
                    continue;
                }

                if (update.Kind == "snapshot")
                {
                    shared.Add((payload.Elements!.Snapshot, shown.Count));
                }

                shown.Add(update);
            }

            foreach (var (snapshot, at) in shared)
            {
                snapshots.Writer.TryWrite(new SentSnapshot(snapshot, shown[at]));
            }

            foreach (var update in shown)
            {
                received.Writer.TryWrite(update);
            }

            if (!holdSnapshots || !batch.OfType<SnapshotUpdate>().Any())
            {
                return Task.CompletedTask;
            }

            held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            holders!.Writer.TryWrite(this);
            return held.Task;
        }

        public Task<SentSnapshot> NextSnapshotAsync() => snapshots.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        /// <summary>Waits until a snapshot or an event this page was sent holds the element.</summary>
        public async Task SeesAsync(string id)
        {
            while (true)
            {
                var update = await received.Reader.ReadAsync().AsTask().WaitAsync(Patience);
                var elements = update.Elements ?? update.Events?.SelectMany(change => change.Elements ?? []).ToList() ?? [];
                if (elements.Any(element => element.Id == id))
                {
                    return;
                }
            }
        }
    }

    /// <summary>A snapshot a page was sent: the room's own (shared by every reader it went to), and as the page read it, its parts put together.</summary>
    private sealed record SentSnapshot(BoardSnapshot Shared, HubUpdate Received);
}
