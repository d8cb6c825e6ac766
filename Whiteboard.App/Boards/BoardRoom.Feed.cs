using System.Collections.Immutable;
using System.Threading.Channels;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Boards;

/// <summary>
/// How the room follows its writer: one question at a time for what was published after what the room has, each
/// answer applied by the loop in order to the room's copy of the board and handed to the sessions here. Operations
/// are applied in sequence order only: a gap, or another writer (it restarted), makes the room ask for the whole board.
/// </summary>
public sealed partial class BoardRoom
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How often a crowded room asks its writer for news, at most: once a frame (a page draws no more often). What a
    /// delivery costs is mostly per message (a send and a wake-up for each person), not per event: a room that asked
    /// again at once got an answer per turn of its writer, hundreds a second with 10 drawing, each a message to
    /// everyone; a paced room's answer carries all that a frame brought.
    /// </summary>
    public static readonly TimeSpan FollowPace = TimeSpan.FromMilliseconds(16);

    /// <summary>
    /// People here from whom on the room keeps to <see cref="FollowPace"/>. A few people cost little per answer, and a
    /// program that waits for each change to be done before the next is not held to a frame.
    /// </summary>
    public const int PacedFrom = 50;

    /// <summary>
    /// People here from whom on the room asks every other frame (30 times a second: others' strokes still grow
    /// smoothly, a frame later at most): an answer costs a message to each of them, and 200 people at 60 answers a
    /// second is 12,000 sends a second from one room. With 1,000 people over two instances and 10 drawing, each got
    /// some 30 messages a second instead of 40 (docs/performance.md, "The crowd over two instances").
    /// </summary>
    public const int TwoFramesFrom = 200;

    /// <summary>The least time between two questions of a room with <paramref name="people"/> here.</summary>
    public static TimeSpan PaceFor(int people) => people switch
    {
        < PacedFrom => TimeSpan.Zero,
        < TwoFramesFrom => FollowPace,
        _ => 2 * FollowPace,
    };

    private BoardRecord record;
    private BoardState state = new();
    private RelayCursor cursor = RelayCursor.Start;
    private ImmutableList<Seat> people = [];
    private readonly Dictionary<int, SeatPointer> pointers = [];
    private BoardSnapshot? latestSnapshot; // the board as of the cursor's sequence, shared by every join until it changes

    // Completed by the loop when what it was sent does not follow on from what it has: the question waiting is dropped,
    // and the next one asks for everything at once.
    private volatile TaskCompletionSource wantsWhole = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Asks the writer what is new, again and again, until the room stops; each answer goes into the inbox.</summary>
    private async Task ListenAsync(RelayCursor from)
    {
        var at = from;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var asked = at;
                if (wantsWhole.Task.IsCompleted)
                {
                    wantsWhole = new(TaskCreationOptions.RunContinuationsAsynchronously);
                    asked = RelayCursor.Start;
                }

                var askedAt = clock.GetTimestamp();
                var question = writer.ListenAsync(relay, RelayJson.Encode(asked));
                if (await Task.WhenAny(question, wantsWhole.Task).WaitAsync(stopping.Token) != question)
                {
                    // Its answer is of no use now; a failure of it is seen here, and dropped.
                    _ = question.ContinueWith(static dropped => dropped.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    continue;
                }

                var feed = RelayJson.Decode<RelayFeed>(await question);
                // Even news of nothing goes to the loop (at most one every ten seconds): answers waiting to be shown are
                // looked at again.
                if (feed.Cursor.Epoch is not null)
                {
                    at = feed.Cursor;
                    await inbox.Writer.WriteAsync(new Deliver(feed), stopping.Token);
                    var rest = PaceFor(subscribers.Count) - clock.GetElapsedTime(askedAt);
                    if (rest > TimeSpan.Zero)
                    {
                        // News meanwhile waits at the writer, and comes in the next answer, one message for all of it.
                        await Task.Delay(rest, clock, stopping.Token);
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (ChannelClosedException)
            {
                return;
            }
            catch (Exception exception)
            {
                // The writer's instance may have died: Orleans places the grain again, and the next question finds it.
                LogListenFailed(logger, exception, Id);
                try
                {
                    await Task.Delay(RetryAfter, stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Stops asking the writer, and tells it this room is gone, so its seats are not kept.</summary>
    private async Task StopListeningAsync()
    {
        await stopping.CancelAsync();
        await listening;
        try
        {
            await writer.ForgetRelayAsync(relay);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogLeaveFailed(logger, exception, Id);
        }
    }

    /// <summary>Applies what the writer published to the room's copy, and tells the sessions here.</summary>
    private void Follow(RelayFeed feed, bool isFirst, WriterCall? call = null)
    {
        if (!isFirst && feed.Cursor.Epoch != cursor.Epoch && call is not null)
        {
            leftWriters.Add(cursor.Epoch!);
            // The writer restarted (its instance died, or it was unloaded): it knows nobody. Everyone here is seated again.
            foreach (var subscriber in subscribers.All)
            {
                AskToSeat(subscriber, done: null, call, previousSeat: subscriber.Seat);
            }
        }

        if (feed.Record is { } changed)
        {
            var old = record;
            record = changed.ToRecord();
            if (!isFirst && (old.Name != record.Name || old.EditKey != record.EditKey || old.ViewKey != record.ViewKey))
            {
                foreach (var subscriber in subscribers.All)
                {
                    subscriber.Offer(new InfoUpdate(InfoFor(subscriber)));
                }
            }
        }

        var whole = feed.Snapshot is not null;
        if (feed.Snapshot is { } snapshot)
        {
            var restored = BoardState.Restore(snapshot);
            state = restored.IsValid ? restored.Value! : throw new InvalidDataException($"Board {Id}: the writer sent a board that does not read: {restored.Error}");
        }
        else if (!ApplyOperations(feed.Operations, feed.Cursor.Sequence))
        {
            wantsWhole.TrySetResult();
            return;
        }

        FollowPeople(feed, isFirst || whole);
        foreach (var moved in feed.Pointers)
        {
            pointers[moved.Seat] = moved;
        }

        if (!whole && feed.Pointers.Count > 0)
        {
            subscribers.PublishPointers(feed.Pointers);
        }

        cursor = feed.Cursor;
        if (whole && !isFirst)
        {
            foreach (var subscriber in subscribers.All)
            {
                subscriber.OfferSnapshot(TakeSnapshot(subscriber));
            }
        }

        HandShownAnswers();
    }

    /// <summary>
    /// Applies operations following on from the copy's up to <paramref name="upTo"/>, and sends the sessions their events;
    /// false at a gap (what is missing is asked for with the whole board).
    /// </summary>
    private bool ApplyOperations(IReadOnlyList<FeedOperation> operations, long upTo)
    {
        List<BoardEvent> events = [];
        var at = cursor.Sequence;
        foreach (var operation in operations.Where(operation => operation.Sequence > at))
        {
            if (operation.Sequence != at + 1)
            {
                break;
            }

            var parsed = MessageValidator.Parse([operation.Message]);
            var outcome = parsed.IsValid ? state.Apply(ParticipantId.Restore(operation.Author), parsed.Value![0]) : default;
            if (!parsed.IsValid || outcome.Change is not { } change)
            {
                throw new InvalidDataException($"Board {Id}: operation {operation.Sequence} from the writer does not apply here.");
            }

            events.Add(new BoardEvent(operation.Sequence, change));
            at = operation.Sequence;
        }

        Publish(events);
        if (at < upTo)
        {
            LogGap(logger, Id, at, upTo);
            cursor = cursor with { Sequence = at };
            return false;
        }

        return true;
    }

    private void Publish(List<BoardEvent> events)
    {
        if (events.Count > 0)
        {
            subscribers.Publish(new EventsUpdate(events));
        }
    }

    /// <summary>Takes in who is on the board, and tells the sessions here what changed about whom (when whole, each gets a snapshot instead).</summary>
    private void FollowPeople(RelayFeed feed, bool whole)
    {
        IReadOnlyList<SeatChange> changes;
        if (feed.People is { } everyone)
        {
            var now = everyone.ToImmutableList();
            changes = [.. Differences(people, now)];
            people = now;
        }
        else
        {
            var now = SeatChange.Apply(people, feed.Changes);
            var touched = feed.Changes.Select(change => change.Number).ToHashSet();
            // News of several of the writer's turns may change one seat more than once: each seat goes out as one change.
            changes = touched.Count == feed.Changes.Count
                ? feed.Changes
                : [.. Differences(people.Where(seat => touched.Contains(seat.Number)), now.Where(seat => touched.Contains(seat.Number)))];
            people = now;
        }

        foreach (var left in changes.Where(change => change.Person is null))
        {
            pointers.Remove(left.Number);
        }

        if (!whole && changes.Count > 0)
        {
            subscribers.Publish(new PeopleChangedUpdate(changes));
        }
    }

    private static IEnumerable<SeatChange> Differences(IEnumerable<Seat> before, IEnumerable<Seat> after)
    {
        var was = before.ToDictionary(seat => seat.Number);
        var now = after.ToDictionary(seat => seat.Number);
        foreach (var seat in was.Values.Where(seat => !now.ContainsKey(seat.Number)))
        {
            yield return SeatChange.Left(seat.Number);
        }

        foreach (var seat in now.Values)
        {
            if (!was.TryGetValue(seat.Number, out var old))
            {
                yield return SeatChange.Joined(seat);
            }
            else if (old != seat)
            {
                yield return SeatChange.Changed(seat);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board {Board}: the board's writer could not be asked for news; asking again")]
    private static partial void LogListenFailed(ILogger logger, Exception exception, BoardId board);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board {Board}: the board's writer could not be told this room left")]
    private static partial void LogLeaveFailed(ILogger logger, Exception exception, BoardId board);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board {Board}: the writer's news stops at {Had} of {Sent}; asking for the whole board")]
    private static partial void LogGap(ILogger logger, BoardId board, long had, long sent);
}
