using System.Threading.Channels;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Boards;

/// <summary>
/// One board on this instance: the relay between its sessions here and the board's single writer (its grain,
/// <see cref="BoardWriter"/>, wherever in the cluster it is). It follows what the writer publishes into a copy of
/// the board, hands every session here its updates from that copy, and passes their requests on. Every request goes
/// through one inbox and one loop, so the sessions here see one order, the writer's.
/// This part is the requests: what each puts in the inbox, and how its answer comes back; the loop that handles them
/// is in BoardRoom.Loop.cs, and what it does with the writer's news in BoardRoom.Feed.cs (partials sharing the inbox).
/// </summary>
public sealed partial class BoardRoom : IAsyncDisposable
{
    private readonly Channel<RoomCommand> inbox = Channel.CreateBounded<RoomCommand>(
        new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    // Each room is its own relay to the writer, told apart from the others, on this instance or another.
    private readonly string relay;
    private readonly IBoardGrain writer;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly BoardRoomOptions options;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private readonly Task listening;

    private BoardRoom(string relay, BoardRecord record, RelayFeed first, IBoardGrain writer, TimeProvider clock, ILogger logger, BoardRoomOptions options)
    {
        this.relay = relay;
        this.record = record;
        this.writer = writer;
        this.clock = clock;
        this.logger = logger;
        this.options = options;
        SnapshotSends = new SnapshotSends(clock);
        Follow(first, isFirst: true);
        lastActivity = clock.GetUtcNow();
        loop = RunAsync();
        listening = ListenAsync(first.Cursor);
    }

    public BoardId Id => record.Id;

    /// <summary>Whose turn it is to be sent a large snapshot of this board.</summary>
    internal SnapshotSends SnapshotSends { get; }

    /// <summary>Completes once the room has stopped and let go of the writer.</summary>
    public Task Stopped => loop;

    /// <summary>Opens the board on this instance: follows its writer, starting from the whole board.</summary>
    public static async Task<BoardRoom> LoadAsync(
        BoardRecord record, IBoardGrain writer, TimeProvider clock, ILogger logger, BoardRoomOptions options, CancellationToken cancellationToken)
    {
        var relay = Guid.NewGuid().ToString("N");
        var first = RelayJson.Decode<RelayFeed>(await writer.ListenAsync(relay, RelayJson.Encode(RelayCursor.Start)).WaitAsync(cancellationToken));
        return new BoardRoom(relay, record, first, writer, clock, logger, options);
    }

    /// <summary>
    /// Subscribes, by the key of the link the participant came in by, under a name already validated;
    /// the subscription's first update is the snapshot, taken in the same turn. Null when the key no
    /// longer opens the board. Throws <see cref="ChannelClosedException"/> when the room has stopped
    /// (see <see cref="Stopped"/>). Not cancellable: once queued, the room may seat the participant, and a
    /// caller that stopped waiting would never give that seat back.
    /// </summary>
    public async Task<RoomSubscription?> JoinAsync(ParticipantId participant, BoardKey key, string name)
    {
        var subscription = new RoomSubscription(participant, key, name, options.SubscriberQueueCapacity);
        var done = NewCompletion<bool>();
        await inbox.Writer.WriteAsync(new Join(subscription, done));
        return await done.Task ? subscription : null;
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

    /// <summary>The board's record, its elements in drawing order and its chat, as they are now.</summary>
    public async Task<BoardContent> ReadAsync(CancellationToken cancellationToken)
    {
        var done = NewCompletion<BoardContent>();
        await inbox.Writer.WriteAsync(new Read(done), cancellationToken);
        return await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The chat's messages before message number <paramref name="before"/>, oldest first, at most
    /// <see cref="BoardLimits.ChatPage"/>: what a person scrolling up the chat asks for, answered from this room's copy.
    /// </summary>
    public async Task<IReadOnlyList<ChatMessage>> ReadChatAsync(long before, CancellationToken cancellationToken)
    {
        var done = NewCompletion<IReadOnlyList<ChatMessage>>();
        if (!await TryWriteAsync(new ReadChat(before, done), cancellationToken))
        {
            return [];
        }

        return await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Unsubscribes, and finishes what the participant left half drawn. Done also when the room stops first: a
    /// loop that failed reads its inbox no more, and nobody is on a stopped room.
    /// </summary>
    public async Task LeaveAsync(RoomSubscription subscription)
    {
        var done = NewCompletion<bool>();
        if (await TryWriteAsync(new Leave(subscription, done), CancellationToken.None))
        {
            await Task.WhenAny(done.Task, loop);
        }
    }

    /// <summary>Tells the room whether a subscription's connection is up. A room that has stopped has nobody left to tell.</summary>
    public async Task SetConnectedAsync(RoomSubscription subscription, bool connected, CancellationToken cancellationToken) =>
        await TryWriteAsync(new SetConnected(subscription, connected), cancellationToken);

    /// <summary>Sends a lagging subscription a fresh snapshot in place of what it missed (none once the room has stopped).</summary>
    public async Task ResyncAsync(RoomSubscription subscription, CancellationToken cancellationToken) =>
        await TryWriteAsync(new Resync(subscription), cancellationToken);

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

    private static TaskCompletionSource<T> NewCompletion<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private abstract record RoomCommand;

    /// <summary>A request the writer answers with accepted or why not.</summary>
    private abstract record AnsweredCommand(TaskCompletionSource<SubmitResult> Done) : RoomCommand;

    private sealed record Submit(RoomSubscription From, IReadOnlyList<BoardOperation> Operations, TaskCompletionSource<SubmitResult> Done)
        : AnsweredCommand(Done);

    private sealed record Join(RoomSubscription Subscription, TaskCompletionSource<bool> Done) : RoomCommand;

    private sealed record Leave(RoomSubscription Subscription, TaskCompletionSource<bool> Done) : RoomCommand;

    private sealed record Rename(RoomSubscription From, string Name, TaskCompletionSource<SubmitResult> Done) : AnsweredCommand(Done);

    private sealed record ReplaceEditKey(RoomSubscription From, BoardKey Key, TaskCompletionSource<SubmitResult> Done) : AnsweredCommand(Done);

    private sealed record RenameParticipant(RoomSubscription From, string Name, TaskCompletionSource<SubmitResult> Done) : AnsweredCommand(Done);

    private sealed record MovePointer(RoomSubscription From, Pointer Pointer) : RoomCommand;

    private sealed record Read(TaskCompletionSource<BoardContent> Done) : RoomCommand;

    private sealed record ReadChat(long Before, TaskCompletionSource<IReadOnlyList<ChatMessage>> Done) : RoomCommand;

    private sealed record SetConnected(RoomSubscription Subscription, bool IsConnected) : RoomCommand;

    private sealed record Resync(RoomSubscription Subscription) : RoomCommand;

    private sealed record Unload(DateTimeOffset IdleSince, TaskCompletionSource<bool> Done) : RoomCommand;

    /// <summary>What the writer published since the room last heard from it.</summary>
    private sealed record Deliver(RelayFeed Feed) : RoomCommand;
}
