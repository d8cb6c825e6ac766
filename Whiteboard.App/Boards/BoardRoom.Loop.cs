using System.Threading.Channels;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Boards;

/// <summary>The room's loop: the one reader of its inbox, and the only code that touches the board and who is on it.</summary>
public sealed partial class BoardRoom
{
    /// <summary>Submissions applied in one turn share one store write and one broadcast.</summary>
    private const int MaxOperationsPerTurn = 1024;

    private readonly RoomSubscribers subscribers = new();
    private readonly RoomPointers pointers = new();
    private readonly List<StoredOperation> unsavedOperations = [];
    private readonly List<BoardEvent> unpublishedEvents = [];
    private readonly List<(TaskCompletionSource<SubmitResult> Done, SubmitResult Result)> unansweredSubmissions = [];
    private BoardState state;
    private long sequence;
    private BoardSnapshot? latestSnapshot; // the board as of `sequence`, shared by every join until it changes
    private DateTimeOffset lastActivity;
    private bool unloading;

    private async Task RunAsync()
    {
        try
        {
            var reader = inbox.Reader;
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var command))
                {
                    switch (command)
                    {
                        case Submit submit:
                            Apply(submit.From, submit.Operations, submit.Done);
                            if (unsavedOperations.Count >= MaxOperationsPerTurn)
                            {
                                await SaveAndPublishAsync();
                            }

                            break;
                        case MovePointer move when subscribers.Contains(move.From):
                            pointers.Move(move.From, move.Pointer);
                            break;
                        case MovePointer:
                            break;
                        default:
                            // Everything else sees a board whose every applied change is already stored and published.
                            await SaveAndPublishAsync();
                            await HandleAsync(command);
                            break;
                    }
                }

                await SaveAndPublishAsync();
                PublishPresenceAndPointers();
            }

            await snapshots.WriteAsync(sequence, state, evenIfRecent: true);
        }
        catch (Exception exception)
        {
            LogRoomFailed(logger, exception, Id);
            inbox.Writer.TryComplete(exception);
            AnswerAll(SubmitResult.Rejected("This board has stopped after an error. Reload the page to continue."));
        }
        finally
        {
            subscribers.CloseAll();
            await snapshots.ObserveAsync();
        }
    }

    private void Apply(RoomSubscription from, IReadOnlyList<BoardOperation> operations, TaskCompletionSource<SubmitResult> done)
    {
        if (RefuseUnlessEditor(from) is { } refused)
        {
            unansweredSubmissions.Add((done, refused));
            return;
        }

        var result = Apply(from.Participant, operations);
        unansweredSubmissions.Add((done, result));
        if (result.IsAccepted)
        {
            pointers.MoveWithInk(from, operations);
        }

        // Someone is drawing from their first point to their last: the stream's latest operation says which.
        if (operations.LastOrDefault(operation => operation is BeginStroke or ExtendStroke or FinishElement or DrawShape) is { } latest)
        {
            subscribers.SetDrawing(from, result.IsAccepted && latest is BeginStroke or ExtendStroke or DrawShape { IsFinished: false });
        }
    }

    /// <summary>Applies operations and queues what changed for storing and publishing; the first reason one was refused, if any.</summary>
    private SubmitResult Apply(ParticipantId author, IReadOnlyList<BoardOperation> operations)
    {
        string? rejection = null;
        foreach (var operation in operations)
        {
            var outcome = state.Apply(author, operation);
            if (outcome.IsRejected)
            {
                rejection ??= outcome.Rejection;
                continue;
            }

            if (outcome.Change is { } change)
            {
                sequence++;
                unsavedOperations.Add(new StoredOperation(sequence, author, operation));
                unpublishedEvents.Add(new BoardEvent(sequence, change));
            }
        }

        return rejection is null ? SubmitResult.Accepted : SubmitResult.Rejected(rejection);
    }

    private SubmitResult? RefuseUnlessEditor(RoomSubscription from) => record.AccessFor(from.Key) switch
    {
        _ when !subscribers.Contains(from) => SubmitResult.Rejected("You are not on this board."),
        BoardAccess.Edit => null,
        BoardAccess.View => SubmitResult.Rejected("This is a view-only link: you can watch this board but not change it."),
        _ => SubmitResult.Rejected("The edit link you came in by was replaced: ask for the new link to change this board."),
    };

    private async Task SaveAndPublishAsync()
    {
        if (unsavedOperations.Count > 0)
        {
            var changed = clock.GetUtcNow();
            try
            {
                await store.AppendAsync(Id, unsavedOperations, changed, CancellationToken.None);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Nothing unsaved may be acknowledged or shown: go back to what the store holds.
                var problem = StoreFailure.Describe(exception);
                LogSaveFailed(logger, exception, Id, unsavedOperations.Count, problem);
                unsavedOperations.Clear();
                unpublishedEvents.Clear();
                AnswerAll(SubmitResult.Rejected($"This change was not saved. {problem}"));
                (state, sequence, snapshots.Sequence) = await LoadedBoard.LoadAsync(Id, store, CancellationToken.None);
                return;
            }

            record = record with { Changed = changed };
            subscribers.Publish(new EventsUpdate([.. unpublishedEvents]));
            unsavedOperations.Clear();
            unpublishedEvents.Clear();
            await snapshots.WriteAsync(sequence, state, evenIfRecent: false);
        }

        AnswerAll(overridingResult: null);
    }

    private void AnswerAll(SubmitResult? overridingResult)
    {
        foreach (var (done, result) in unansweredSubmissions)
        {
            done.TrySetResult(overridingResult ?? result);
        }

        unansweredSubmissions.Clear();
    }

    private async Task HandleAsync(RoomCommand command)
    {
        if (command is not Unload)
        {
            lastActivity = clock.GetUtcNow();
        }

        switch (command)
        {
            case Join join when unloading:
                join.Done.TrySetException(new ChannelClosedException("The board was unloaded; open it again."));
                break;
            case Join join:
                if (record.AccessFor(join.Subscription.Key) == BoardAccess.None)
                {
                    join.Done.TrySetResult(false);
                    break;
                }

                subscribers.Add(join.Subscription);
                join.Subscription.OfferSnapshot(TakeSnapshot(join.Subscription));
                join.Done.TrySetResult(true);
                break;
            case Leave leave:
                if (subscribers.Remove(leave.Subscription))
                {
                    // The same person may still be here in another tab of their browser, drawing.
                    var author = leave.Subscription.Participant;
                    if (!subscribers.Contains(author))
                    {
                        Apply(author, FinishOpenElements(author));
                        await SaveAndPublishAsync();
                    }

                    leave.Subscription.Close();
                    pointers.Forget(leave.Subscription);
                }

                leave.Done.TrySetResult(true);
                break;
            case FinishAbandoned finish:
                foreach (var author in state.OpenElements().Select(element => element.Author).Distinct().ToList())
                {
                    Apply(author, FinishOpenElements(author));
                }

                unansweredSubmissions.Add((finish.Done, SubmitResult.Accepted));
                await SaveAndPublishAsync();
                break;
            case Rename rename:
                var name = BoardName.Parse(rename.Name);
                rename.Done.TrySetResult(RefuseUnlessEditor(rename.From) ?? (name.IsValid
                    ? await UpdateRecordAsync(record with { Name = name.Value!, Changed = clock.GetUtcNow() }, rename.From, rename.From.Key)
                    : SubmitResult.Rejected(name.Error!)));
                break;
            case ReplaceEditKey replace:
                replace.Done.TrySetResult(RefuseUnlessEditor(replace.From)
                    ?? await UpdateRecordAsync(record with { EditKey = replace.Key }, replace.From, replace.Key));
                break;
            case RenameParticipant rename:
                subscribers.Rename(rename.From, rename.Name);
                rename.Done.TrySetResult(SubmitResult.Accepted);
                break;
            case Read read:
                read.Done.TrySetResult((record, state.Elements()));
                break;
            case SetConnected connected:
                subscribers.SetConnected(connected.Subscription, connected.IsConnected);
                break;
            case Resync resync when resync.Subscription.IsLagging && subscribers.Contains(resync.Subscription):
                resync.Subscription.OfferSnapshot(TakeSnapshot(resync.Subscription));
                break;
            case Unload unload:
                unloading = subscribers.All.Count == 0 && lastActivity <= unload.IdleSince;
                if (unloading)
                {
                    inbox.Writer.TryComplete();
                }

                unload.Done.TrySetResult(unloading);
                break;
        }
    }

    /// <summary>Keeps a new name or edit key, then tells every participant what they may now do.</summary>
    private async Task<SubmitResult> UpdateRecordAsync(BoardRecord updated, RoomSubscription from, BoardKey keyOfRequester)
    {
        try
        {
            await store.UpdateAsync(updated, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var problem = StoreFailure.Describe(exception);
            LogUpdateFailed(logger, exception, Id, problem);
            return SubmitResult.Rejected($"This change was not saved. {problem}");
        }

        record = updated;
        from.Key = keyOfRequester;
        foreach (var subscriber in subscribers.All)
        {
            subscriber.Offer(new InfoUpdate(InfoFor(subscriber)));
        }

        return SubmitResult.Accepted;
    }

    private List<BoardOperation> FinishOpenElements(ParticipantId author) =>
        [.. state.OpenElements().Where(element => element.Author == author).Select(element => new FinishElement(element.Id))];

    private BoardInfo InfoFor(RoomSubscription subscriber) => record.InfoFor(subscriber.Key);

    // A sequence number names one board: snapshots are taken only once every applied change is stored, and a
    // failed save goes back to what is stored.
    private SnapshotUpdate TakeSnapshot(RoomSubscription subscriber) => new(
        latestSnapshot = latestSnapshot?.Sequence == sequence ? latestSnapshot : new BoardSnapshot(sequence, state.Elements()),
        subscribers.People(),
        RoomPointers.Of(subscribers.All),
        subscriber.Seat,
        InfoFor(subscriber));

    /// <summary>Once a turn: what changed about who is here, if anything did, and where the pointers that moved are now.</summary>
    private void PublishPresenceAndPointers()
    {
        subscribers.PublishChanges();
        pointers.Publish(subscribers.All);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Board {Board}: the room stopped after a failure")]
    private static partial void LogRoomFailed(ILogger logger, Exception exception, BoardId board);

    [LoggerMessage(Level = LogLevel.Error, Message = "Board {Board}: {Count} operations could not be saved and were refused: {Problem}")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, BoardId board, int count, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Board {Board}: a new name or edit key could not be saved and was refused: {Problem}")]
    private static partial void LogUpdateFailed(ILogger logger, Exception exception, BoardId board, string problem);
}
