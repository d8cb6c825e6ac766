using Microsoft.AspNetCore.SignalR;
using Whiteboard.App.Boards;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Hubs;

/// <summary>
/// A board for programs (bots, integrations, the load generator), at <c>/hubs/board</c>. A connection
/// joins one board by its edit or view key and is then sent every update in order, the snapshot
/// first ("Updates": a list of <see cref="HubUpdate"/>; a large snapshot in parts, <see cref="HubUpdatesSender"/>). It submits the same operations as a browser,
/// through a <see cref="BoardSession"/> of its own: the same room, validation and limits. Bad input is
/// refused with a reason (a <see cref="SubmitResult"/>, or an error for the one call), and the
/// connection goes on.
/// </summary>
public sealed class BoardHub(IServiceProvider services, IHubContext<BoardHub> hub) : Hub
{
    /// <summary>
    /// A connection's calls run at once, up to this many, as a page's batches do: a submission is done once everyone's
    /// queue has it, which on a crowded board (whose room follows its writer once or twice a frame) can take longer than
    /// a program takes to draw its next batch; one call at a time made such a program fall further behind with each.
    /// Submissions still apply in the order sent: each waits for those before it to reach the room
    /// (<see cref="BoardSession.SubmitAsync"/>). That needs SignalR to start a connection's calls in the order they came,
    /// which it does (each runs up to its first wait before the next is read), though it does not promise it:
    /// HubTests and SubmissionOrderTests stand guard. Other calls (chat, names) are not ordered with submissions.
    /// </summary>
    public const int CallsInFlight = 16;

    private const string NotJoined = "Join a board first.";
    private const string NotConnected = "This connection has closed.";

    /// <summary>
    /// Joins the board a key opens, as <paramref name="name"/> (a generated name when it is not a valid
    /// one); <paramref name="token"/> is one an earlier join returned, to be the same participant
    /// again (their undo history). Returns the name and the token to keep.
    /// </summary>
    public async Task<HubJoined> Join(string? key, string? name, string? token)
    {
        var session = Session ?? throw new HubException(NotConnected);
        if (session.IsOnBoard)
        {
            throw new HubException("This connection is already on a board.");
        }

        if (!BoardKey.TryParse(key, out var boardKey))
        {
            throw new HubException("There is no board at this link (or its edit link was replaced).");
        }

        var kept = session.Identify(token);
        var sender = new HubUpdatesSender(hub.Clients.Client(Context.ConnectionId), Context.ConnectionAborted);
        var problem = await session.JoinAsync(boardKey, name, sender.SendAsync, picks: false);
        if (problem is not null)
        {
            throw new HubException(problem);
        }

        return new HubJoined(session.Name, kept);
    }

    /// <summary>Applies operations in order, as a browser's batch; the first reason one was refused, if any.</summary>
    public Task<SubmitResult> Submit(BoardMessage?[]? messages) =>
        Session is { IsOnBoard: true } session ? session.SubmitAsync(messages) : Task.FromResult(SubmitResult.Rejected(NotJoined));

    /// <summary>Posts a chat message (a view key's participant may too); the reason it was refused, if it was.</summary>
    public Task<SubmitResult> SendChat(string? text) =>
        Session is { IsOnBoard: true } session ? session.SendChatAsync(text) : Task.FromResult(SubmitResult.Rejected(NotJoined));

    /// <summary>The chat's messages before message number <paramref name="before"/>, oldest first, at most <see cref="Shared.Validation.BoardLimits.ChatPage"/>.</summary>
    public Task<IReadOnlyList<ChatMessage>> ChatBefore(long before) =>
        Session is { IsOnBoard: true } session ? session.ChatBeforeAsync(before) : throw new HubException(NotJoined);

    /// <summary>Shows the others where this participant points and looks (board coordinates, zoom within <see cref="Boards.Pointer.MinScale"/> to <see cref="Boards.Pointer.MaxScale"/>).</summary>
    public Task MovePointer(double x, double y, bool onBoard, double viewX, double viewY, double viewScale) =>
        Session?.MovePointerAsync(x, y, onBoard, viewX, viewY, viewScale) ?? Task.CompletedTask;

    /// <summary>
    /// Presents with the laser pointer at a board point: the others' pages draw a trail through its positions that fades
    /// within a second. The same as <see cref="MovePointer"/> on the board, with the laser on, within the same rate.
    /// </summary>
    public Task MoveLaser(double x, double y, double viewX, double viewY, double viewScale) =>
        Session?.MovePointerAsync(x, y, onBoard: true, viewX, viewY, viewScale, laser: true) ?? Task.CompletedTask;

    /// <summary>Shows this participant under a new name; the name kept, or the reason it was refused.</summary>
    public async Task<string> SetName(string? name)
    {
        var renamed = Session is { IsOnBoard: true } session ? await session.RenameSelfAsync(name) : throw new HubException(NotJoined);
        return renamed.IsValid ? renamed.Value! : throw new HubException(renamed.Error);
    }

    /// <summary>
    /// Each connection has its session from the start, so that the connection closing finds it (and ends it)
    /// however that interleaves with a <see cref="Join"/> still under way.
    /// </summary>
    public override Task OnConnectedAsync()
    {
        Context.Items[typeof(BoardSession)] = ActivatorUtilities.CreateInstance<BoardSession>(services);
        return base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Session is { } session)
        {
            await session.DisposeAsync();
        }

        await base.OnDisconnectedAsync(exception);
    }

    private BoardSession? Session => Context.Items.TryGetValue(typeof(BoardSession), out var session) ? (BoardSession?)session : null;
}

/// <summary>Who the hub connection is on the board: its name, and the token that makes it the same participant next time.</summary>
public sealed record HubJoined(string Name, string Token);
