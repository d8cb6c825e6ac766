using System.Diagnostics;
using System.Threading.Channels;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Boards;

/// <summary>
/// The room's loop: the one reader of its inbox, and the only code that touches the copy of the board and who is on
/// it here. The requests of one turn go to the writer in one call; their answers are handed on once the writer's
/// news has shown them here.
/// </summary>
public sealed partial class BoardRoom
{
    /// <summary>Requests sent to the writer in one call, at most.</summary>
    private const int MaxRequestsPerCall = 1024;

    private const string NotSaved = "This change was not saved: the board's server did not answer. Try again in a moment.";

    /// <summary>How long a room tries to reach its board's writer before it gives up on a call (a failover takes seconds).</summary>
    private static readonly TimeSpan WriterPatience = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(2);

    /// <summary>How long an answer waits to be shown by this room's copy before it is handed on anyway.</summary>
    private static readonly TimeSpan AnswerPatience = TimeSpan.FromSeconds(5);

    private readonly RoomSubscribers subscribers = new();

    // Answers the writer gave that this room's copy does not show yet, in the order they came.
    private readonly Queue<(RelayCursor ShownAt, WriterCall Call, IReadOnlyList<RelayAnswer> Answers, long AnsweredAt)> unshownAnswers = new();
    // The writers this room followed before the one it follows now.
    private readonly HashSet<string> leftWriters = [];
    private DateTimeOffset lastActivity;
    private bool unloading;

    private async Task RunAsync()
    {
        var call = new WriterCall();
        try
        {
            var reader = inbox.Reader;
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var command))
                {
                    Handle(command, call);
                    if (call.Count >= MaxRequestsPerCall)
                    {
                        await SendAsync(call);
                        call = new WriterCall();
                    }
                }

                if (call.Count > 0)
                {
                    await SendAsync(call);
                    call = new WriterCall();
                }
            }
        }
        catch (Exception exception)
        {
            LogRoomFailed(logger, exception, Id);
            inbox.Writer.TryComplete(exception);
            call.Fail();
            foreach (var (_, unshown, _, _) in unshownAnswers)
            {
                unshown.Fail();
            }

            while (inbox.Reader.TryRead(out var command))
            {
                Refuse(command, "This board has stopped after an error. Reload the page to continue.");
            }
        }
        finally
        {
            subscribers.CloseAll();
            await StopListeningAsync();
        }
    }

    private void Handle(RoomCommand command, WriterCall call)
    {
        if (command is not (Unload or Deliver))
        {
            lastActivity = clock.GetUtcNow();
        }

        switch (command)
        {
            case Deliver deliver:
                Follow(deliver.Feed, isFirst: false, call);
                break;
            case Join join when unloading:
                join.Done.TrySetException(new ChannelClosedException("The board was unloaded; open it again."));
                break;
            case Join join:
                AskToSeat(join.Subscription, join.Done, call, previousSeat: 0);
                break;
            case Submit submit:
                Ask(call, new SubmitRequest(submit.From.Seat, [.. submit.Operations.Select(BoardMessage.Of)]), submit);
                break;
            case MovePointer move when subscribers.Contains(move.From):
                call.MovePointer(move.From.Seat, move.Pointer);
                break;
            case MovePointer:
                break;
            case Leave leave when subscribers.Remove(leave.Subscription):
                leave.Subscription.Close();
                call.Add(new LeaveRequest(leave.Subscription.Seat), _ => leave.Done.TrySetResult(true), () => leave.Done.TrySetResult(true));
                break;
            case Leave leave:
                leave.Done.TrySetResult(true);
                break;
            case Rename rename:
                Ask(call, new RenameBoardRequest(rename.From.Seat, rename.Name), rename);
                break;
            case ReplaceEditKey replace:
                Ask(call, new ReplaceEditKeyRequest(replace.From.Seat, replace.Key.Value), replace, answer => TakeNewKey(replace.From, replace.Key, answer));
                break;
            case RenameParticipant rename:
                rename.From.Name = rename.Name;
                Ask(call, new RenameParticipantRequest(rename.From.Seat, rename.Name), rename);
                break;
            case Read read:
                read.Done.TrySetResult(new BoardContent(record, state.Elements(), state.Chat()));
                break;
            case ReadChat readChat:
                readChat.Done.TrySetResult(state.ChatBefore(readChat.Before, BoardLimits.ChatPage));
                break;
            case SetConnected connected when subscribers.Contains(connected.Subscription):
                connected.Subscription.IsConnected = connected.IsConnected;
                call.Add(new SetConnectedRequest(connected.Subscription.Seat, connected.IsConnected), _ => { }, () => { });
                break;
            case SetConnected:
                break;
            case Resync resync when resync.Subscription.IsLagging && subscribers.Contains(resync.Subscription):
                resync.Subscription.OfferSnapshot(TakeSnapshot(resync.Subscription));
                break;
            case Resync:
                break;
            case Unload unload:
                unloading = subscribers.All.Count == 0 && unshownAnswers.Count == 0 && lastActivity <= unload.IdleSince;
                if (unloading)
                {
                    inbox.Writer.TryComplete();
                }

                unload.Done.TrySetResult(unloading);
                break;
        }
    }

    /// <summary>Adds a request to the writer's call, its answer going to the one who asked (a refusal when the call fails).</summary>
    private static void Ask(WriterCall call, RelayRequest request, AnsweredCommand asker, Action<RelayAnswer>? answered = null) =>
        call.Add(request,
            answer => asker.Done.TrySetResult(new SubmitResult(answer.Rejection)),
            () => asker.Done.TrySetResult(SubmitResult.Rejected(NotSaved)),
            answered);

    /// <summary>
    /// Asks the writer for a seat; once the room's copy shows the newcomer among the people, subscribes them here and
    /// sends them the snapshot. <paramref name="previousSeat"/> is the seat to keep when the writer restarted.
    /// </summary>
    private void AskToSeat(RoomSubscription subscription, TaskCompletionSource<bool>? done, WriterCall call, int previousSeat)
    {
        call.Add(new JoinRequest(subscription.Participant.Value, subscription.Key.Value, subscription.Name, subscription.IsConnected, previousSeat),
            answer =>
            {
                if (answer.Seat == 0)
                {
                    done?.TrySetResult(false);
                    if (done is null)
                    {
                        // Seated again after the writer restarted, but the link no longer opens the board.
                        subscribers.Remove(subscription);
                        subscription.Close();
                    }

                    return;
                }

                var moved = subscription.Seat != answer.Seat;
                subscription.Seat = answer.Seat;
                if (done is not null)
                {
                    subscribers.Add(subscription);
                    done.TrySetResult(true);
                }

                if (done is not null || moved)
                {
                    subscription.OfferSnapshot(TakeSnapshot(subscription));
                }
            },
            () =>
            {
                if (done is null)
                {
                    subscribers.Remove(subscription);
                    subscription.Close();
                }
                else
                {
                    done.TrySetException(new ChannelClosedException("The board's server did not answer."));
                }
            });
    }

    /// <summary>The new edit key is the replacer's as soon as the writer took it; the record that has it may already be here.</summary>
    private void TakeNewKey(RoomSubscription from, Whiteboard.Shared.Ids.BoardKey key, RelayAnswer answer)
    {
        if (answer.Rejection is not null)
        {
            return;
        }

        from.Key = key;
        if (record.EditKey == key)
        {
            from.Offer(new InfoUpdate(InfoFor(from)));
        }
    }

    /// <summary>Sends one turn's requests to the writer, and keeps its answers until this room's copy shows them.</summary>
    private async Task SendAsync(WriterCall call)
    {
        RelayAnswers? answers;
        try
        {
            answers = await AskWriterAsync(call);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogWriterFailed(logger, exception, Id, call.Count);
            answers = null;
        }

        if (answers is null)
        {
            call.Fail();
            return;
        }

        Answered(call, answers);
    }

    /// <summary>
    /// A writer this room does not follow yet (it restarted, and this room's question has not noticed) knows nobody here,
    /// and refuses what they ask: everyone is seated again, and only what was refused for that is asked again (the rest
    /// was applied).
    /// </summary>
    private async Task<RelayAnswers> AskAgainOfANewWriterAsync(IReadOnlyList<RelayRequest> requests, RelayAnswers answers)
    {
        var unknown = Enumerable.Range(0, requests.Count).Where(i => answers.Answers[i].Rejection == BoardWriter.NotOnBoard).ToList();
        if (unknown.Count == 0 || cursor.Epoch is null || answers.Cursor.Epoch == cursor.Epoch)
        {
            return answers;
        }

        await SeatEveryoneAgainAsync();
        var again = await AskAsync([.. unknown.Select(i => requests[i])]);
        var merged = answers.Answers.ToArray();
        for (var k = 0; k < unknown.Count; k++)
        {
            merged[unknown[k]] = again.Answers[k];
        }

        return new RelayAnswers(merged, again.Cursor);
    }

    /// <summary>Seats everyone here again, each in their own seat if it is free: the writer that answers may be a new one.</summary>
    private async Task SeatEveryoneAgainAsync()
    {
        if (subscribers.All.Count == 0)
        {
            return;
        }

        var seating = new WriterCall();
        foreach (var subscriber in subscribers.All)
        {
            AskToSeat(subscriber, done: null, seating, previousSeat: subscriber.Seat);
        }

        Answered(seating, await AskAsync(seating.Requests()));
    }

    private async Task<RelayAnswers> AskAsync(IReadOnlyList<RelayRequest> requests) =>
        RelayJson.Decode<RelayAnswers>(await writer.AskAsync(relay, RelayJson.Encode(requests)));

    private void Answered(WriterCall call, RelayAnswers answers)
    {
        call.Answered(answers.Answers);
        unshownAnswers.Enqueue((answers.Cursor, call, answers.Answers, Stopwatch.GetTimestamp()));
        HandShownAnswers();
    }

    /// <summary>
    /// The writer's answers; null when it could not be reached for <see cref="WriterPatience"/>. While its instance dies
    /// and Orleans places it again, the call is tried again, after seating everyone here again: the writer that answers may
    /// be a new one, which knows nobody. Trying again is safe: the writer applies a change it already has as nothing.
    /// </summary>
    private async Task<RelayAnswers?> AskWriterAsync(WriterCall call)
    {
        var trying = Stopwatch.StartNew();
        var wait = RetryAfter;
        var seatAgain = false;
        while (true)
        {
            try
            {
                if (seatAgain)
                {
                    await SeatEveryoneAgainAsync();
                }

                return await AskAgainOfANewWriterAsync(call.Requests(), await AskAsync(call.Requests()));
            }
            catch (Exception exception) when (exception is OrleansException or TimeoutException)
            {
                // The writer's instance could not be reached (a failure of the writer itself is its answer, not tried again).
                if (trying.Elapsed > WriterPatience)
                {
                    LogWriterUnreachable(logger, exception, Id, call.Count);
                    return null;
                }

                LogWriterRetried(logger, Id, exception.Message);
                await Task.Delay(wait);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxRetryWait.Ticks));
                seatAgain = true;
            }
        }
    }

    /// <summary>Hands on the answers this room's copy now shows, in the order they came.</summary>
    private void HandShownAnswers()
    {
        while (unshownAnswers.TryPeek(out var waiting) && IsShown(waiting.ShownAt, waiting.AnsweredAt))
        {
            var (_, call, answers, _) = unshownAnswers.Dequeue();
            call.Hand(answers);
        }
    }

    private bool IsShown(RelayCursor shownAt, long answeredAt)
    {
        if (cursor.HasReached(shownAt))
        {
            return true;
        }

        // An answer of a writer this room has since left (it stopped, and another loaded the board from the store) is
        // shown as far as it ever will be: the store, which the new writer's board comes from, had it first.
        if (leftWriters.Contains(shownAt.Epoch!))
        {
            return true;
        }

        // While a failover settles, Orleans may have two writers of the board for a moment, and this room follow the one
        // that did not answer. Nobody waits for their "done" past a few seconds: what was answered is stored.
        if (Stopwatch.GetElapsedTime(answeredAt) > AnswerPatience)
        {
            LogAnswerNotShown(logger, Id, shownAt.Epoch, cursor.Epoch);
            return true;
        }

        return false;
    }

    private BoardInfo InfoFor(RoomSubscription subscriber) => record.InfoFor(subscriber.Key);

    // A sequence number names one board: this room's copy is the writer's board as of that number.
    private SnapshotUpdate TakeSnapshot(RoomSubscription subscriber) => new(
        latestSnapshot = latestSnapshot?.Sequence == cursor.Sequence ? latestSnapshot : new BoardSnapshot(cursor.Sequence, state.Elements(), state.LatestChat(BoardLimits.ChatPage)),
        people,
        [.. pointers.Values],
        subscriber.Seat,
        InfoFor(subscriber));

    private static void Refuse(RoomCommand command, string reason)
    {
        switch (command)
        {
            case AnsweredCommand asked:
                asked.Done.TrySetResult(SubmitResult.Rejected(reason));
                break;
            case Join join:
                join.Done.TrySetException(new ChannelClosedException(reason));
                break;
            case Leave leave:
                leave.Done.TrySetResult(true);
                break;
            case Read read:
                read.Done.TrySetException(new ChannelClosedException(reason));
                break;
            case ReadChat readChat:
                readChat.Done.TrySetException(new ChannelClosedException(reason));
                break;
            case Unload unload:
                unload.Done.TrySetResult(false);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Board {Board}: the room stopped after a failure")]
    private static partial void LogRoomFailed(ILogger logger, Exception exception, Whiteboard.Shared.Ids.BoardId board);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board {Board}: answers of writer {Answered} handed on before this room, following {Followed}, showed them")]
    private static partial void LogAnswerNotShown(ILogger logger, Whiteboard.Shared.Ids.BoardId board, string? answered, string? followed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board {Board}: the board's writer did not answer ({Problem}); trying again")]
    private static partial void LogWriterRetried(ILogger logger, Whiteboard.Shared.Ids.BoardId board, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Board {Board}: the board's writer failed {Count} requests")]
    private static partial void LogWriterFailed(ILogger logger, Exception exception, Whiteboard.Shared.Ids.BoardId board, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Board {Board}: the board's writer did not answer {Count} requests")]
    private static partial void LogWriterUnreachable(ILogger logger, Exception exception, Whiteboard.Shared.Ids.BoardId board, int count);
}
