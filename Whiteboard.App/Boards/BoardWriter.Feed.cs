using Whiteboard.App.Storage;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Operations;

namespace Whiteboard.App.Boards;

/// <summary>
/// What the writer keeps for its relays: the operations, presence changes and pointers it published, numbered, so that
/// a relay asks for what came after what it has (one request at a time: in order, and a relay that missed something
/// gets it, or the whole board, with its next answer).
/// </summary>
public sealed partial class BoardWriter
{
    /// <summary>How long a relay's question waits for news before it is answered with nothing.</summary>
    public static readonly TimeSpan ListenPatience = TimeSpan.FromSeconds(10);

    // Each activation of a board's writer is told apart: a relay that sees another one knows the writer restarted.
    private readonly string epoch = Guid.NewGuid().ToString("N");
    private readonly List<StoredOperation> kept = [];
    private readonly List<(long Version, SeatChange Change)> keptChanges = [];
    private readonly Dictionary<string, RelayState> relays = [];
    private TaskCompletionSource published;
    private long keptPoints;
    private long recordVersion;
    private long presenceVersion;

    /// <summary>Where a relay that has everything published stands.</summary>
    private RelayCursor Cursor => new(epoch, sequence, presenceVersion, seats.PointerVersion, recordVersion);

    /// <summary>A relay's requests and their answers as they travel (<see cref="RelayJson"/>).</summary>
    public async Task<byte[]> AskAsync(string relay, byte[] requests) =>
        RelayJson.Encode(await AskAsync(relay, RelayJson.Decode<List<RelayRequest>>(requests)));

    /// <summary>A relay's cursor and the feed after it as they travel (<see cref="RelayJson"/>).</summary>
    public async Task<byte[]> ListenAsync(string relay, byte[] cursor) =>
        RelayJson.Encode(await ListenAsync(relay, RelayJson.Decode<RelayCursor>(cursor)));

    /// <summary>
    /// What was published after <paramref name="cursor"/>; when there is nothing yet, waits up to
    /// <see cref="ListenPatience"/> for something, and answers with nothing after that.
    /// </summary>
    public async Task<RelayFeed> ListenAsync(string relay, RelayCursor cursor)
    {
        var waited = false;
        var first = true;
        while (true)
        {
            Task news;
            await turn.WaitAsync();
            try
            {
                ThrowIfFailed();
                if (first)
                {
                    Heard(relay);
                    first = false;
                }
                else if (!relays.ContainsKey(relay))
                {
                    // A relay that left while its question waited is not brought back by it.
                    return new RelayFeed(cursor, null, null, [], null, [], []);
                }

                var feed = FeedAfter(cursor);
                if (!feed.IsEmpty || waited)
                {
                    return feed;
                }

                news = published.Task;
                relays[relay].Listening++;
            }
            finally
            {
                turn.Release();
            }

            using var patience = new CancellationTokenSource();
            try
            {
                var timeout = Task.Delay(ListenPatience, clock, patience.Token);
                waited = await Task.WhenAny(news, timeout) == timeout;
            }
            finally
            {
                await patience.CancelAsync();
                await turn.WaitAsync();
                if (relays.TryGetValue(relay, out var state))
                {
                    state.Listening--;
                }

                turn.Release();
            }
        }
    }

    private RelayFeed FeedAfter(RelayCursor cursor)
    {
        var sameWriter = cursor.Epoch == epoch;
        var firstKept = kept.Count > 0 ? kept[0].Sequence : sequence + 1;
        var operationsKnown = sameWriter || cursor.Sequence == sequence;
        var whole = !operationsKnown || cursor.Sequence < firstKept - 1;
        var firstChange = keptChanges.Count > 0 ? keptChanges[0].Version : presenceVersion + 1;
        var everyone = !sameWriter || cursor.Presence < firstChange - 1;
        return new RelayFeed(
            Cursor,
            sameWriter && cursor.Record == recordVersion ? null : StoredBoardRecord.Of(record),
            whole ? state.Capture() : null,
            whole ? [] : [.. kept.Skip((int)Math.Max(0, cursor.Sequence + 1 - firstKept)).Select(FeedOperation.Of)],
            everyone ? seats.People() : null,
            everyone ? [] : [.. keptChanges.Where(change => change.Version > cursor.Presence).Select(change => change.Change)],
            seats.PointersAfter(sameWriter ? cursor.Pointers : -1));
    }

    private void Heard(string relay)
    {
        if (!relays.TryGetValue(relay, out var state))
        {
            relays[relay] = state = new RelayState();
        }

        state.LastHeard = clock.GetUtcNow();
    }

    /// <summary>Keeps operations just stored for the relays, as many as <see cref="KeptOperations"/> and <see cref="KeptPoints"/> allow.</summary>
    private void Keep(IEnumerable<StoredOperation> operations)
    {
        foreach (var operation in operations)
        {
            kept.Add(operation);
            keptPoints += PointsIn(operation.Operation);
        }

        var dropped = 0;
        while (kept.Count - dropped > 1 && (kept.Count - dropped > KeptOperations || keptPoints > KeptPoints))
        {
            keptPoints -= PointsIn(kept[dropped++].Operation);
        }

        kept.RemoveRange(0, dropped);
    }

    private static int PointsIn(BoardOperation operation) => operation switch
    {
        BeginStroke begin => begin.Points.Count,
        ExtendStroke extend => extend.Points.Count,
        // A restore carries a whole board's elements: it weighs what they do.
        RestoreMoment { Moment: { } moment } => Math.Max(1, moment.Sum(element => element is Stroke stroke ? stroke.Points.Length : 1)),
        _ => 1,
    };

    /// <summary>Ends a turn: the presence changes it made are numbered and kept, and relays waiting for news are woken.</summary>
    private void Publish()
    {
        foreach (var change in seats.TakeChanges())
        {
            keptChanges.Add((++presenceVersion, change));
        }

        if (keptChanges.Count > KeptChanges)
        {
            keptChanges.RemoveRange(0, keptChanges.Count - KeptChanges);
        }

        published.TrySetResult();
        published = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class RelayState
    {
        public DateTimeOffset LastHeard { get; set; }

        /// <summary>Questions of the relay waiting for news: a relay waiting is there.</summary>
        public int Listening { get; set; }
    }
}
