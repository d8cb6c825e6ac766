using Whiteboard.App.Canvas;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Boards;

/// <summary>
/// One participant on one board: one per circuit. Forwards the participant's input to the room
/// after validation and within its rate, and owns the delivery of the room's updates
/// (<see cref="SessionDelivery"/>) to whoever shows them, keeping what they were shown (<see cref="ShownBoard"/>).
/// </summary>
public sealed partial class BoardSession(
    BoardRooms rooms, ParticipantTokens tokens, TimeProvider clock, ILogger<BoardSession> logger) : IAsyncDisposable
{
    private const string NotOnABoard = "You are not on a board.";
    private const string Closed = "This page has left the board.";
    private const string TooManyChats = "Too many chat messages at once: wait a moment, then send it again.";
    private const string TooManyChanges = "Too many changes of names or links at once: wait a moment, then try again.";

    /// <summary>Batches handed on whose showing is not yet done, at most; the room's queue holds the rest.</summary>
    public const int ShowsInFlight = 16;

    private readonly TokenBucket throttle = new(clock, BoardLimits.OperationsPerSecond, BoardLimits.OperationBurst);
    private readonly TokenBucket pointerThrottle = new(clock, BoardLimits.PointerMovesPerSecond, BoardLimits.PointerMoveBurst);
    private readonly TokenBucket renameThrottle = new(clock, BoardLimits.RenamesPerSecond, BoardLimits.RenameBurst);
    private readonly TokenBucket chatThrottle = new(clock, BoardLimits.ChatMessagesPerSecond, BoardLimits.ChatBurst);
    private readonly ShownBoard shown = new();

    // Guards `visit` and `closed`: a join, a leave and the session's end may come at once (a connection
    // dropping while its join is under way). The first to end the visit ends it; `visit` is cleared once it has ended.
    private readonly Lock gate = new();
    private BoardVisit? visit;
    private bool closed;

    // Done once the latest batch was handed to the room (or refused): a page's batches and a hub program's calls run at
    // once, and each batch waits here for the one before it, so they apply in the order sent though an image's check
    // visits the store.
    private Task handedOn = Task.CompletedTask;

    // The connection's state as last told, and one telling at a time: a connection that drops while its join is
    // under way is shown as down once joined, and a later "up" is never overtaken by that.
    private readonly SemaphoreSlim connectionTurn = new(1, 1);
    private bool connectionDown;

    /// <summary>Made here, or read from a token this server issued; never taken from the client as is.</summary>
    public ParticipantId Participant { get; private set; } = ParticipantId.New();

    /// <summary>The board as this participant has been shown it: what their pointer is on.</summary>
    public BoardMirror Mirror => shown.Mirror;

    /// <summary>
    /// Takes up the identity in a token the browser kept from an earlier visit, when it is one this
    /// server issued; returns the token for the browser to keep. Only before joining a board.
    /// </summary>
    public string Identify(string? token)
    {
        if (IsOnBoard)
        {
            throw new InvalidOperationException("A session on a board cannot change who it is.");
        }

        if (tokens.TryRead(token, out var participant))
        {
            Participant = participant;
            return token!;
        }

        return tokens.Issue(Participant);
    }

    /// <summary>The sequence number of the board's latest operation this participant has been shown; 0 until joined.</summary>
    public long Sequence => shown.Sequence;

    /// <summary>What this participant may do on the board and the links they may hand out; null until joined.</summary>
    public BoardInfo? Info => shown.Info;

    /// <summary>The name the others see this participant by.</summary>
    public string Name { get; private set; } = "";

    /// <summary>This page's seat on the board (see <see cref="People"/>); 0 until joined.</summary>
    public int Seat => shown.Seat;

    /// <summary>Everyone on the board, as this participant has been told.</summary>
    public IReadOnlyList<Seat> People => shown.People;

    /// <summary>The board's chat as this participant has been shown it, oldest first.</summary>
    public IReadOnlyList<ChatMessage> Chat => shown.Chat;

    /// <summary>Whether this session is on a board, or joining one (or leaving it).</summary>
    public bool IsOnBoard
    {
        get
        {
            lock (gate)
            {
                return visit is not null;
            }
        }
    }

    /// <summary>
    /// Joins the board a link's key opens and starts delivering updates (the snapshot first) to
    /// <paramref name="show"/>, one call per batch, never two at once. The participant goes by
    /// <paramref name="name"/> (the one their browser kept), or by a generated one when it is not a
    /// valid name. Null when joined; otherwise why not. A leave (or the session's end) while this is under
    /// way gives the join up, and the seat it may have taken back.
    /// Who is on the board comes whole in the snapshot and then as <see cref="PeopleChangedUpdate"/>s, one change
    /// per person per turn of the room, to a page and a hub program alike.
    /// A session that <paramref name="picks"/> nothing on the board (a hub program) keeps no copy of its elements
    /// (<see cref="Mirror"/> stays empty): with a crowd on a board, that copy cost every program each event again.
    /// </summary>
    public async Task<string?> JoinAsync(BoardKey key, string? name, Func<IReadOnlyList<RoomUpdate>, Task> show, bool picks = true)
    {
        BoardVisit joining;
        lock (gate)
        {
            if (visit is not null)
            {
                throw new InvalidOperationException("This session is already on a board.");
            }

            if (closed)
            {
                return Closed;
            }

            visit = joining = new BoardVisit();
        }

        var parsed = DisplayName.Parse(name);
        Name = parsed.IsValid ? parsed.Value! : DisplayName.Generate(Random.Shared);
        var kept = false;
        try
        {
            var problem = await EnterAsync(joining, key, show, picks ? shown.Show : shown.ShowAllButElements);
            kept = problem is null;
            return problem;
        }
        finally
        {
            joining.JoinFinished();
            if (!kept)
            {
                await EndAsync(joining);
            }
        }
    }

    /// <summary>Applies a batch of operations in order, after the batches sent before it; the first reason one was refused, if any.</summary>
    public async Task<SubmitResult> SubmitAsync(IReadOnlyList<BoardMessage?>? messages)
    {
        var handed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task before;
        lock (gate)
        {
            (before, handedOn) = (handedOn, handed.Task);
        }

        Task<SubmitResult> answer;
        try
        {
            answer = await HandOnAsync(messages, before);
        }
        finally
        {
            handed.TrySetResult();
        }

        return await answer;
    }

    /// <summary>Checks a batch and, once the batch before it was handed on, hands it to the room: the room's answer to come, or the refusal.</summary>
    private async Task<Task<SubmitResult>> HandOnAsync(IReadOnlyList<BoardMessage?>? messages, Task before)
    {
        if (OnBoard() is not { Room: { } room, Subscription: { } subscription } current)
        {
            return Task.FromResult(SubmitResult.Rejected(NotOnABoard));
        }

        // An oversized batch costs a full one here and is then refused by the validator, with its reason.
        if (!throttle.TryTake(Math.Clamp(messages?.Count ?? 0, 1, BoardLimits.MaxMessagesPerBatch)))
        {
            return Task.FromResult(SubmitResult.Rejected("Too many changes at once: slow down, and try again in a moment."));
        }

        var operations = MessageValidator.Parse(messages);
        if (!operations.IsValid)
        {
            return Task.FromResult(SubmitResult.Rejected(operations.Error!));
        }

        // Chat sent among operations (a hub program may) is held to the chat's own rate as well.
        if (operations.Value!.Count(operation => operation is PostChat) is > 0 and var chats && !chatThrottle.TryTake(chats))
        {
            return Task.FromResult(SubmitResult.Rejected(TooManyChats));
        }

        if (await PlacedImages.RefusalAsync(rooms, room.Id, operations.Value!, current.Leaving) is { } notKept)
        {
            return Task.FromResult(SubmitResult.Rejected(notKept));
        }

        await before;
        return room.SubmitAsync(subscription, operations.Value!, current.Leaving);
    }

    /// <summary>
    /// Posts a chat message, for anyone on the board (viewers too); done once it is stored, or why it was refused (it then
    /// reaches nobody). Within <see cref="BoardLimits.ChatMessagesPerSecond"/> (after a burst).
    /// </summary>
    public async Task<SubmitResult> SendChatAsync(string? text)
    {
        if (OnBoard() is not { Room: { } room, Subscription: { } subscription } current)
        {
            return SubmitResult.Rejected(NotOnABoard);
        }

        var parsed = ChatText.Parse(text);
        if (!parsed.IsValid)
        {
            return SubmitResult.Rejected(parsed.Error!);
        }

        if (!chatThrottle.TryTake(1))
        {
            return SubmitResult.Rejected(TooManyChats);
        }

        return await room.SubmitAsync(subscription, [new PostChat(OperationId.New(), parsed.Value!, null)], current.Leaving);
    }

    /// <summary>
    /// Shows the chat's messages before the oldest shown (at most <see cref="BoardLimits.ChatPage"/>), asked of the room;
    /// how many came (none: the chat's first message is shown).
    /// </summary>
    public async Task<int> ShowOlderChatAsync()
    {
        if (shown.Chat is not [var oldest, ..])
        {
            return 0;
        }

        var older = await ChatBeforeAsync(oldest.Number);
        shown.ShowOlderChat(older);
        return older.Count;
    }

    /// <summary>The chat's messages before message number <paramref name="before"/>, oldest first, at most <see cref="BoardLimits.ChatPage"/>; none off a board.</summary>
    public Task<IReadOnlyList<ChatMessage>> ChatBeforeAsync(long before) =>
        OnBoard() is { Room: { } room } current ? room.ReadChatAsync(before, current.Leaving) : Task.FromResult<IReadOnlyList<ChatMessage>>([]);

    /// <summary>Renames the board, within the same rate as this participant's own names (each rename is stored and sent to everyone).</summary>
    public Task<SubmitResult> RenameAsync(string? name) =>
        OnBoard() is not { Room: { } room, Subscription: { } subscription } current ? Task.FromResult(SubmitResult.Rejected(NotOnABoard))
        : !renameThrottle.TryTake(1) ? Task.FromResult(SubmitResult.Rejected(TooManyChanges))
        : room.RenameAsync(subscription, name ?? "", current.Leaving);

    /// <summary>
    /// Shows this participant to the others under a new name; the name as kept, or why it was refused. New names
    /// beyond <see cref="BoardLimits.RenamesPerSecond"/> (after a burst) are refused and reach nobody.
    /// </summary>
    public async Task<Validated<string>> RenameSelfAsync(string? name)
    {
        var parsed = DisplayName.Parse(name);
        if (OnBoard() is not { Room: { } room, Subscription: { } subscription } current)
        {
            return Validated<string>.Reject(NotOnABoard);
        }

        if (!parsed.IsValid)
        {
            return parsed;
        }

        if (!renameThrottle.TryTake(1))
        {
            return Validated<string>.Reject(TooManyChanges);
        }

        var result = await room.RenameParticipantAsync(subscription, parsed.Value!, current.Leaving);
        if (!result.IsAccepted)
        {
            return Validated<string>.Reject(result.Rejection!);
        }

        Name = parsed.Value!;
        return parsed;
    }

    /// <summary>
    /// Tells the others where this participant's pointer is and what they are looking at, and whether it is the
    /// laser pointer (see <see cref="Pointer.Laser"/>). Moves beyond what a browser sends are dropped, as are numbers
    /// no browser would send: a laser costs no more than the pointer it rides on.
    /// </summary>
    public async Task MovePointerAsync(double x, double y, bool onBoard, double viewX, double viewY, double viewScale, bool laser = false)
    {
        if (OnBoard() is { Room: { } room, Subscription: { } subscription } current && pointerThrottle.TryTake(1)
            && Pointer.TryCreate(x, y, onBoard, viewX, viewY, viewScale, laser) is { } pointer)
        {
            await room.MovePointerAsync(subscription, pointer, current.Leaving);
        }
    }

    /// <summary>
    /// Replaces the board's edit key, so the old edit link stops working; returns the new one. Within the rate of
    /// names: each replacement is stored and sent to everyone.
    /// </summary>
    public Task<Validated<BoardKey>> ReplaceEditKeyAsync() =>
        OnBoard() is not { Room: { } room, Subscription: { } subscription } current ? Task.FromResult(Validated<BoardKey>.Reject(NotOnABoard))
        : !renameThrottle.TryTake(1) ? Task.FromResult(Validated<BoardKey>.Reject(TooManyChanges))
        : room.ReplaceEditKeyAsync(subscription, current.Leaving);

    /// <summary>The topmost finished element under a click, as a selection.</summary>
    public CanvasSelection? SelectAt(double x, double y, double radius) => ElementPicker.At(Mirror, x, y, radius);

    /// <summary>The finished elements wholly inside a marquee.</summary>
    public CanvasSelection? SelectWithin(double minX, double minY, double maxX, double maxY) =>
        ElementPicker.Within(Mirror, minX, minY, maxX, maxY);

    /// <summary>A selection again, after others changed the board: those still there, and their box now.</summary>
    public CanvasSelection? Reselect(string?[]? ids) => ElementPicker.Again(Mirror, ids);

    /// <summary>The finished elements an eraser's path (flat x, y pairs) passes over.</summary>
    public IReadOnlyList<string> Touching(double[]? path, double radius) => ElementPicker.Touching(Mirror, path, radius);

    /// <summary>The text or note under a double click, as this participant was shown it.</summary>
    public CanvasText? TextAt(double x, double y, double radius) => ElementPicker.TextAt(Mirror, x, y, radius);

    /// <summary>
    /// Tells the room whether this participant's connection is up. Coming back, the session asks
    /// for a snapshot, since what was sent while the connection was down may not have been shown.
    /// </summary>
    public async Task SetConnectedAsync(bool connected)
    {
        await connectionTurn.WaitAsync();
        try
        {
            connectionDown = !connected;
            if (OnBoard() is not { Room: { } room, Subscription: { } subscription } current)
            {
                return;
            }

            await room.SetConnectedAsync(subscription, connected, current.Leaving);
            if (connected)
            {
                subscription.MarkLagging();
                await room.ResyncAsync(subscription, current.Leaving);
            }
        }
        finally
        {
            connectionTurn.Release();
        }
    }

    /// <summary>
    /// Leaves the board (or gives up joining it), so that this session can join another (a circuit may
    /// navigate between boards); done once it has left.
    /// </summary>
    public async Task LeaveAsync()
    {
        BoardVisit? leaving;
        lock (gate)
        {
            leaving = visit;
        }

        if (leaving is not null)
        {
            await EndAsync(leaving);
        }
    }

    /// <summary>Leaves the board, and joins none from now on (a join under way is given up).</summary>
    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            closed = true;
        }

        await LeaveAsync();
    }

    /// <summary>Joins the room for a visit; null when kept, otherwise why not.</summary>
    private async Task<string?> EnterAsync(BoardVisit joining, BoardKey key, Func<IReadOnlyList<RoomUpdate>, Task> show, Action<RoomUpdate> reflect)
    {
        (BoardRoom Room, RoomSubscription Subscription)? joined;
        try
        {
            joined = await rooms.JoinAsync(key, Participant, Name, joining.Leaving);
        }
        catch (BoardFullException full)
        {
            return full.Message;
        }
        catch (OperationCanceledException) when (joining.Leaving.IsCancellationRequested)
        {
            return Closed;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogJoinFailed(logger, exception, Participant);
            return $"This board cannot be opened right now. {StoreFailure.Describe(exception)}";
        }

        if (joined is not var (room, subscription))
        {
            return "There is no board at this link (or its edit link was replaced).";
        }

        joining.Joined(room, subscription);
        lock (gate)
        {
            if (visit != joining || joining.Ending is not null)
            {
                return Closed;
            }

            joining.IsOnBoard = true;
        }

        joining.Delivery = PumpAsync(room, subscription, reflect, show, joining.Leaving);
        await connectionTurn.WaitAsync();
        try
        {
            if (connectionDown)
            {
                await room.SetConnectedAsync(subscription, connected: false, joining.Leaving);
            }
        }
        catch (OperationCanceledException) when (joining.Leaving.IsCancellationRequested)
        {
            return Closed;
        }
        finally
        {
            connectionTurn.Release();
        }

        return null;
    }

    /// <summary>The visit whose join was kept and which is not ending; null when there is none.</summary>
    private BoardVisit? OnBoard()
    {
        lock (gate)
        {
            return visit is { IsOnBoard: true, Ending: null } ? visit : null;
        }
    }

    /// <summary>Ends a visit once, whoever asks first (a leave, the session's end, a join given up); everyone waits for that end.</summary>
    private Task EndAsync(BoardVisit ending)
    {
        lock (gate)
        {
            return ending.Ending ??= Task.Run(async () =>
            {
                await ending.EndAsync(rooms);
                lock (gate)
                {
                    visit = null;
                    shown.Leave();
                }
            });
        }
    }

    private async Task PumpAsync(
        BoardRoom from, RoomSubscription updates, Action<RoomUpdate> reflect, Func<IReadOnlyList<RoomUpdate>, Task> show,
        CancellationToken cancellationToken)
    {
        try
        {
            await SessionDelivery.RunAsync(from, updates, reflect, show, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The session is closing.
        }
        catch (Exception exception)
        {
            LogPumpFailed(logger, exception, from.Id, Participant);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Participant {Participant} could not join a board")]
    private static partial void LogJoinFailed(ILogger logger, Exception exception, ParticipantId participant);

    [LoggerMessage(Level = LogLevel.Error, Message = "Board {Board}: updates to participant {Participant} stopped after a failure")]
    private static partial void LogPumpFailed(ILogger logger, Exception exception, BoardId board, ParticipantId participant);
}
