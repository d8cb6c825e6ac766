using System.Threading.Channels;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Boards;

/// <summary>
/// The single writer of one board. Every request goes through one inbox and one loop, which
/// validates against the board, orders, stores and only then acknowledges and publishes. One
/// loop means no locks around the board and one order that every participant sees.
/// </summary>
public sealed partial class BoardRoom : IAsyncDisposable
{
    /// <summary>Submissions applied in one turn share one store write and one broadcast.</summary>
    private const int MaxOperationsPerTurn = 1024;

    private readonly Channel<RoomCommand> inbox = Channel.CreateBounded<RoomCommand>(
        new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly IBoardStore store;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly BoardRoomOptions options;
    private readonly List<RoomSubscription> subscribers = [];
    private readonly List<StoredOperation> unsavedOperations = [];
    private readonly List<BoardEvent> unpublishedEvents = [];
    private readonly List<(TaskCompletionSource<SubmitResult> Done, SubmitResult Result)> unansweredSubmissions = [];
    private readonly HashSet<RoomSubscription> movedPointers = [];
    private readonly Task loop;
    private BoardRecord record;
    private BoardState state;
    private long sequence;
    private long snapshotSequence;
    private BoardSnapshot? latestSnapshot; // the board as of `sequence`, shared by every join until it changes
    private Task snapshotWrite = Task.CompletedTask;
    private DateTimeOffset lastActivity;
    private bool unloading;
    private bool presenceChanged;
    private int lastSeat;

    private BoardRoom(BoardRecord record, Loaded loaded, IBoardStore store, TimeProvider clock, ILogger logger, BoardRoomOptions options)
    {
        this.record = record;
        (state, sequence, snapshotSequence) = loaded;
        this.store = store;
        this.clock = clock;
        this.logger = logger;
        this.options = options;
        lastActivity = clock.GetUtcNow();
        loop = RunAsync();
    }

    public BoardId Id => record.Id;

    /// <summary>Completes once the room has stopped and written down what it holds.</summary>
    public Task Stopped => loop;

    public static async Task<BoardRoom> LoadAsync(
        BoardRecord record, IBoardStore store, TimeProvider clock, ILogger logger, BoardRoomOptions options, CancellationToken cancellationToken)
    {
        var room = new BoardRoom(record, await LoadStateAsync(record.Id, store, cancellationToken), store, clock, logger, options);

        // What was being drawn when the app last stopped will never be continued: finish it, so it
        // can be edited and undone like the rest, and keep that in the store like any change. If
        // the store cannot take it (a read-only file), the board still opens, to be watched.
        var done = NewCompletion<SubmitResult>();
        await room.inbox.Writer.WriteAsync(new FinishAbandoned(done), cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
        return room;
    }

    /// <summary>
    /// Subscribes, by the key of the link the participant came in by, under a name already validated;
    /// the subscription's first update is the snapshot, taken in the same turn. Null when the key no
    /// longer opens the board. Throws <see cref="ChannelClosedException"/> when the room has stopped
    /// (see <see cref="Stopped"/>).
    /// </summary>
    public async Task<RoomSubscription?> JoinAsync(ParticipantId participant, BoardKey key, string name, CancellationToken cancellationToken)
    {
        var subscription = new RoomSubscription(participant, key, name, options.SubscriberQueueCapacity);
        var done = NewCompletion<bool>();
        await inbox.Writer.WriteAsync(new Join(subscription, done), cancellationToken);
        return await done.Task.WaitAsync(cancellationToken) ? subscription : null;
    }

    /// <summary>Applies a participant's operations in order; completes once they are stored, or with the first reason one was refused.</summary>
    public Task<SubmitResult> SubmitAsync(RoomSubscription from, IReadOnlyList<BoardOperation> operations, CancellationToken cancellationToken) =>
        AskAsync(done => new Submit(from, operations, done), cancellationToken);

    /// <summary>Shows a participant under a new name, already validated.</summary>
    public Task<SubmitResult> RenameParticipantAsync(RoomSubscription from, string name, CancellationToken cancellationToken) =>
        AskAsync(done => new RenameParticipant(from, name, done), cancellationToken);

    /// <summary>Tells the others where a participant's pointer is; the latest position wins.</summary>
    public ValueTask MovePointerAsync(RoomSubscription from, Pointer pointer, CancellationToken cancellationToken) =>
        inbox.Writer.WriteAsync(new MovePointer(from, pointer), cancellationToken);

    /// <summary>Renames the board, for a participant who can edit it.</summary>
    public Task<SubmitResult> RenameAsync(RoomSubscription from, string name, CancellationToken cancellationToken) =>
        AskAsync(done => new Rename(from, name, done), cancellationToken);

    /// <summary>
    /// Replaces the edit key and returns the new one: the old edit link stops working, and those
    /// on the board by it can only watch.
    /// </summary>
    public async Task<Validated<BoardKey>> ReplaceEditKeyAsync(RoomSubscription from, CancellationToken cancellationToken)
    {
        var key = BoardKey.New();
        var result = await AskAsync(done => new ReplaceEditKey(from, key, done), cancellationToken);
        return result.IsAccepted ? Validated<BoardKey>.Ok(key) : Validated<BoardKey>.Reject(result.Rejection!);
    }

    /// <summary>The board's record and its elements in drawing order, as they are now.</summary>
    public async Task<(BoardRecord Record, IReadOnlyList<BoardElement> Elements)> ReadAsync(CancellationToken cancellationToken)
    {
        var done = NewCompletion<(BoardRecord, IReadOnlyList<BoardElement>)>();
        await inbox.Writer.WriteAsync(new Read(done), cancellationToken);
        return await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Unsubscribes, and finishes what the participant left half drawn.</summary>
    public async Task LeaveAsync(RoomSubscription subscription)
    {
        var done = NewCompletion<bool>();
        if (await TryWriteAsync(new Leave(subscription, done), CancellationToken.None))
        {
            await done.Task;
        }
    }

    public ValueTask SetConnectedAsync(RoomSubscription subscription, bool connected, CancellationToken cancellationToken) =>
        inbox.Writer.WriteAsync(new SetConnected(subscription, connected), cancellationToken);

    /// <summary>Sends a lagging subscription a fresh snapshot in place of what it missed.</summary>
    public ValueTask ResyncAsync(RoomSubscription subscription, CancellationToken cancellationToken) =>
        inbox.Writer.WriteAsync(new Resync(subscription), cancellationToken);

    /// <summary>Stops the room if nobody has been on it since <paramref name="idleSince"/>; true when it stops.</summary>
    public async Task<bool> TryUnloadAsync(DateTimeOffset idleSince)
    {
        var done = NewCompletion<bool>();
        if (!await TryWriteAsync(new Unload(idleSince, done), CancellationToken.None) || !await done.Task)
        {
            return false;
        }

        await loop;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        inbox.Writer.TryComplete();
        await loop;
    }

    private async Task<SubmitResult> AskAsync(Func<TaskCompletionSource<SubmitResult>, RoomCommand> command, CancellationToken cancellationToken)
    {
        var done = NewCompletion<SubmitResult>();
        if (!await TryWriteAsync(command(done), cancellationToken))
        {
            return SubmitResult.Rejected("This board has stopped. Reload the page to continue.");
        }

        return await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>False once the room has stopped taking requests.</summary>
    private async Task<bool> TryWriteAsync(RoomCommand command, CancellationToken cancellationToken)
    {
        try
        {
            await inbox.Writer.WriteAsync(command, cancellationToken);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

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
                            move.From.Pointer = move.Pointer;
                            movedPointers.Add(move.From);
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

            await WriteSnapshotAsync(evenIfRecent: true);
        }
        catch (Exception exception)
        {
            LogRoomFailed(logger, exception, Id);
            inbox.Writer.TryComplete(exception);
            AnswerAll(SubmitResult.Rejected("This board has stopped after an error. Reload the page to continue."));
        }
        finally
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Close();
            }

            await ObserveSnapshotWriteAsync();
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
            MovePointerWithInk(from, operations);
        }

        // Someone is drawing from their first point to their last: the stream's latest operation says which.
        if (operations.LastOrDefault(operation => operation is BeginStroke or ExtendStroke or FinishElement or DrawShape) is { } latest)
        {
            var drawing = result.IsAccepted && latest is BeginStroke or ExtendStroke or DrawShape { IsFinished: false };
            presenceChanged |= from.IsDrawing != drawing;
            from.IsDrawing = drawing;
        }
    }

    /// <summary>
    /// A page drawing does not send its pointer: it is where the ink it draws has got to (the view it looks at
    /// unchanged), so the others see the cursor move in the same update as the ink.
    /// </summary>
    private void MovePointerWithInk(RoomSubscription from, IReadOnlyList<BoardOperation> operations)
    {
        BoardPoint? inkAt = operations.LastOrDefault(operation => operation is BeginStroke or ExtendStroke or DrawShape) switch
        {
            BeginStroke { Points: [.., var last] } => new BoardPoint(last.X, last.Y),
            ExtendStroke { Points: [.., var last] } => new BoardPoint(last.X, last.Y),
            DrawShape shape => shape.To,
            _ => null,
        };
        if (inkAt is { } point && from.Pointer is { } pointer)
        {
            from.Pointer = pointer with { X = point.X, Y = point.Y, OnBoard = true };
            movedPointers.Add(from);
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
                (state, sequence, snapshotSequence) = await LoadStateAsync(Id, store, CancellationToken.None);
                return;
            }

            record = record with { Changed = changed };
            Publish(new EventsUpdate([.. unpublishedEvents]));
            unsavedOperations.Clear();
            unpublishedEvents.Clear();
            await WriteSnapshotAsync(evenIfRecent: false);
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

                join.Subscription.Seat = ++lastSeat;
                join.Subscription.Color = SeatColors.Pick(subscribers.Select(subscriber => subscriber.Color));
                subscribers.Add(join.Subscription);
                join.Subscription.OfferSnapshot(TakeSnapshot(join.Subscription));
                presenceChanged = true;
                join.Done.TrySetResult(true);
                break;
            case Leave leave:
                if (subscribers.Remove(leave.Subscription))
                {
                    // The same person may still be here in another tab of their browser, drawing.
                    var author = leave.Subscription.Participant;
                    if (!subscribers.Any(other => other.Participant == author))
                    {
                        Apply(author, FinishOpenElements(author));
                        await SaveAndPublishAsync();
                    }

                    leave.Subscription.Close();
                    movedPointers.Remove(leave.Subscription);
                    presenceChanged = true;
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
                if (subscribers.Contains(rename.From))
                {
                    rename.From.Name = rename.Name;
                    presenceChanged = true;
                }

                rename.Done.TrySetResult(SubmitResult.Accepted);
                break;
            case Read read:
                read.Done.TrySetResult((record, state.Elements()));
                break;
            case SetConnected connected when subscribers.Contains(connected.Subscription):
                connected.Subscription.IsConnected = connected.IsConnected;
                presenceChanged = true;
                break;
            case Resync resync when resync.Subscription.IsLagging && subscribers.Contains(resync.Subscription):
                resync.Subscription.OfferSnapshot(TakeSnapshot(resync.Subscription));
                break;
            case Unload unload:
                unloading = subscribers.Count == 0 && lastActivity <= unload.IdleSince;
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
        foreach (var subscriber in subscribers)
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
        People(),
        [.. subscribers.Where(other => other.Pointer is not null).Select(other => new SeatPointer(other.Seat, other.Pointer!))],
        subscriber.Seat,
        InfoFor(subscriber));

    private List<Seat> People() =>
        [.. subscribers.Select(subscriber => new Seat(subscriber.Seat, subscriber.Name, subscriber.Color, subscriber.IsDrawing, subscriber.IsConnected))];

    /// <summary>Once a turn: who is here, if that changed, and where the pointers that moved are now.</summary>
    private void PublishPresenceAndPointers()
    {
        if (presenceChanged)
        {
            presenceChanged = false;
            Publish(new PresenceUpdate(People()));
        }

        if (movedPointers.Count > 0)
        {
            List<SeatPointer> moved = [.. movedPointers.Select(subscriber => new SeatPointer(subscriber.Seat, subscriber.Pointer!))];
            movedPointers.Clear();
            foreach (var subscriber in subscribers)
            {
                subscriber.OfferPointers(moved);
            }
        }
    }

    private void Publish(RoomUpdate update)
    {
        foreach (var subscriber in subscribers)
        {
            subscriber.Offer(update);
        }
    }

    /// <summary>
    /// Writes the board down whole once enough operations have gone by (or, stopping, if any have).
    /// The state is captured here, on the loop; serializing and storing it happen beside the loop,
    /// one write at a time, so a large board's snapshot does not hold up drawing.
    /// </summary>
    private async Task WriteSnapshotAsync(bool evenIfRecent)
    {
        var behind = sequence - snapshotSequence;
        if (behind == 0 || (!evenIfRecent && (behind < options.SnapshotEvery || !snapshotWrite.IsCompleted)))
        {
            return;
        }

        await ObserveSnapshotWriteAsync();
        var (at, captured) = (sequence, state.Capture());
        snapshotSequence = at;
        snapshotWrite = Task.Run(() => store.SaveSnapshotAsync(Id, at, captured, CancellationToken.None));
    }

    /// <summary>Waits for the snapshot being written; a failed one is logged, since the operations it would replace are still stored.</summary>
    private async Task ObserveSnapshotWriteAsync()
    {
        try
        {
            await snapshotWrite;
        }
        catch (Exception exception)
        {
            LogSnapshotFailed(logger, exception, Id, StoreFailure.Describe(exception));
        }
    }

    private static async Task<Loaded> LoadStateAsync(BoardId id, IBoardStore store, CancellationToken cancellationToken)
    {
        var stored = await store.LoadAsync(id, cancellationToken);
        var state = new BoardState();
        if (stored.Snapshot is not null)
        {
            var restored = BoardState.Restore(stored.Snapshot);
            state = restored.IsValid ? restored.Value! : throw new InvalidDataException($"Board {id}: {restored.Error}");
        }

        var sequence = stored.SnapshotSequence;
        foreach (var operation in stored.Operations)
        {
            state.Apply(operation.Author, operation.Operation);
            sequence = operation.Sequence;
        }

        return new Loaded(state, sequence, stored.SnapshotSequence);
    }

    private static TaskCompletionSource<T> NewCompletion<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Error, Message = "Board {Board}: the room stopped after a failure")]
    private static partial void LogRoomFailed(ILogger logger, Exception exception, BoardId board);

    [LoggerMessage(Level = LogLevel.Error, Message = "Board {Board}: {Count} operations could not be saved and were refused: {Problem}")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, BoardId board, int count, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Board {Board}: a new name or edit key could not be saved and was refused: {Problem}")]
    private static partial void LogUpdateFailed(ILogger logger, Exception exception, BoardId board, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board {Board}: a snapshot could not be written; its operations stay stored: {Problem}")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception, BoardId board, string problem);

    private sealed record Loaded(BoardState State, long Sequence, long SnapshotSequence);

    private abstract record RoomCommand;

    private sealed record Submit(RoomSubscription From, IReadOnlyList<BoardOperation> Operations, TaskCompletionSource<SubmitResult> Done)
        : RoomCommand;

    private sealed record FinishAbandoned(TaskCompletionSource<SubmitResult> Done) : RoomCommand;

    private sealed record Join(RoomSubscription Subscription, TaskCompletionSource<bool> Done) : RoomCommand;

    private sealed record Leave(RoomSubscription Subscription, TaskCompletionSource<bool> Done) : RoomCommand;

    private sealed record Rename(RoomSubscription From, string Name, TaskCompletionSource<SubmitResult> Done) : RoomCommand;

    private sealed record ReplaceEditKey(RoomSubscription From, BoardKey Key, TaskCompletionSource<SubmitResult> Done) : RoomCommand;

    private sealed record RenameParticipant(RoomSubscription From, string Name, TaskCompletionSource<SubmitResult> Done) : RoomCommand;

    private sealed record MovePointer(RoomSubscription From, Pointer Pointer) : RoomCommand;

    private sealed record Read(TaskCompletionSource<(BoardRecord, IReadOnlyList<BoardElement>)> Done) : RoomCommand;

    private sealed record SetConnected(RoomSubscription Subscription, bool IsConnected) : RoomCommand;

    private sealed record Resync(RoomSubscription Subscription) : RoomCommand;

    private sealed record Unload(DateTimeOffset IdleSince, TaskCompletionSource<bool> Done) : RoomCommand;
}
