using System.Threading.Channels;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;

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
    private readonly ILogger logger;
    private readonly int subscriberQueueCapacity;
    private readonly List<RoomSubscription> subscribers = [];
    private readonly List<StoredOperation> unsavedOperations = [];
    private readonly List<BoardEvent> unpublishedEvents = [];
    private readonly List<(TaskCompletionSource<SubmitResult> Done, SubmitResult Result)> unansweredSubmissions = [];
    private readonly Task loop;
    private BoardState state;
    private long sequence;

    private BoardRoom(BoardId id, BoardState state, long sequence, IBoardStore store, ILogger logger, int subscriberQueueCapacity)
    {
        Id = id;
        this.state = state;
        this.sequence = sequence;
        this.store = store;
        this.logger = logger;
        this.subscriberQueueCapacity = subscriberQueueCapacity;
        loop = RunAsync();
    }

    public BoardId Id { get; }

    public static async Task<BoardRoom> LoadAsync(
        BoardId id, IBoardStore store, ILogger logger, int subscriberQueueCapacity, CancellationToken cancellationToken)
    {
        var (state, sequence) = await ReplayAsync(id, store, cancellationToken);
        var room = new BoardRoom(id, state, sequence, store, logger, subscriberQueueCapacity);

        // What was being drawn when the app last stopped will never be continued: finish it, so it
        // can be edited and undone like the rest, and keep that in the store like any change.
        foreach (var author in state.OpenElements().Select(element => element.Author).Distinct().ToList())
        {
            await room.SubmitAsync(author, room.FinishOpenElements(author), cancellationToken);
        }

        return room;
    }

    private List<BoardOperation> FinishOpenElements(ParticipantId author) =>
        [.. state.OpenElements().Where(element => element.Author == author).Select(element => new FinishElement(element.Id))];

    /// <summary>Applies a participant's operations in order; completes once they are stored, or with the first reason one was refused.</summary>
    public async Task<SubmitResult> SubmitAsync(
        ParticipantId author, IReadOnlyList<BoardOperation> operations, CancellationToken cancellationToken)
    {
        var done = NewCompletion<SubmitResult>();
        if (!await TryWriteAsync(new Submit(author, operations, done), cancellationToken))
        {
            return SubmitResult.Rejected("This board has stopped. Reload the page to continue.");
        }

        return await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Subscribes; the subscription's first update is the snapshot, taken in the same turn.</summary>
    public async Task<RoomSubscription> JoinAsync(ParticipantId participant, CancellationToken cancellationToken)
    {
        var subscription = new RoomSubscription(participant, subscriberQueueCapacity);
        var done = NewCompletion<bool>();
        await inbox.Writer.WriteAsync(new Join(subscription, done), cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
        return subscription;
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

    public async ValueTask DisposeAsync()
    {
        inbox.Writer.TryComplete();
        await loop;
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
                    if (command is Submit submit)
                    {
                        Apply(submit.Author, submit.Operations, submit.Done);
                        if (unsavedOperations.Count >= MaxOperationsPerTurn)
                        {
                            await SaveAndPublishAsync();
                        }

                        continue;
                    }

                    // Membership changes see a board whose every applied change is already published.
                    await SaveAndPublishAsync();
                    await HandleAsync(command);
                }

                await SaveAndPublishAsync();
            }
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
        }
    }

    private void Apply(ParticipantId author, IReadOnlyList<BoardOperation> operations, TaskCompletionSource<SubmitResult>? done)
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

        if (done is not null)
        {
            unansweredSubmissions.Add((done, rejection is null ? SubmitResult.Accepted : SubmitResult.Rejected(rejection)));
        }
    }

    private async Task SaveAndPublishAsync()
    {
        if (unsavedOperations.Count > 0)
        {
            try
            {
                await store.AppendAsync(Id, unsavedOperations, CancellationToken.None);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Nothing unsaved may be acknowledged or shown: go back to what the store holds.
                LogSaveFailed(logger, exception, Id, unsavedOperations.Count);
                (state, sequence) = await ReplayAsync(Id, store, CancellationToken.None);
                AnswerAll(SubmitResult.Rejected("The board could not save this change. Please try again."));
                unsavedOperations.Clear();
                unpublishedEvents.Clear();
                return;
            }

            Publish(new EventsUpdate([.. unpublishedEvents]));
            unsavedOperations.Clear();
            unpublishedEvents.Clear();
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
        switch (command)
        {
            case Join join:
                subscribers.Add(join.Subscription);
                join.Subscription.OfferSnapshot(TakeSnapshot());
                PublishPresence();
                join.Done.TrySetResult(true);
                break;
            case Leave leave:
                if (subscribers.Remove(leave.Subscription))
                {
                    // The same person may still be here in another tab of their browser, drawing.
                    var author = leave.Subscription.Participant;
                    if (!subscribers.Any(other => other.Participant == author))
                    {
                        Apply(author, FinishOpenElements(author), done: null);
                        await SaveAndPublishAsync();
                    }

                    leave.Subscription.Close();
                    PublishPresence();
                }

                leave.Done.TrySetResult(true);
                break;
            case SetConnected connected when subscribers.Contains(connected.Subscription):
                connected.Subscription.IsConnected = connected.IsConnected;
                PublishPresence();
                break;
            case Resync resync when resync.Subscription.IsLagging && subscribers.Contains(resync.Subscription):
                resync.Subscription.OfferSnapshot(TakeSnapshot());
                break;
        }
    }

    private SnapshotUpdate TakeSnapshot() =>
        new(new BoardSnapshot(sequence, state.Elements()), subscribers.Count(s => s.IsConnected));

    private void PublishPresence() => Publish(new PresenceUpdate(subscribers.Count(s => s.IsConnected)));

    private void Publish(RoomUpdate update)
    {
        foreach (var subscriber in subscribers)
        {
            subscriber.Offer(update);
        }
    }

    private static async Task<(BoardState State, long Sequence)> ReplayAsync(
        BoardId id, IBoardStore store, CancellationToken cancellationToken)
    {
        var state = new BoardState();
        long sequence = 0;
        foreach (var stored in await store.LoadAsync(id, cancellationToken))
        {
            state.Apply(stored.Author, stored.Operation);
            sequence = stored.Sequence;
        }

        return (state, sequence);
    }

    private static TaskCompletionSource<T> NewCompletion<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Error, Message = "Board {Board}: the room stopped after a failure")]
    private static partial void LogRoomFailed(ILogger logger, Exception exception, BoardId board);

    [LoggerMessage(Level = LogLevel.Error, Message = "Board {Board}: {Count} operations could not be saved and were refused")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, BoardId board, int count);

    private abstract record RoomCommand;

    private sealed record Submit(ParticipantId Author, IReadOnlyList<BoardOperation> Operations, TaskCompletionSource<SubmitResult> Done)
        : RoomCommand;

    private sealed record Join(RoomSubscription Subscription, TaskCompletionSource<bool> Done) : RoomCommand;

    private sealed record Leave(RoomSubscription Subscription, TaskCompletionSource<bool> Done) : RoomCommand;

    private sealed record SetConnected(RoomSubscription Subscription, bool IsConnected) : RoomCommand;

    private sealed record Resync(RoomSubscription Subscription) : RoomCommand;
}
