using System.Collections.Concurrent;
using System.Threading.Channels;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Boards;

/// <summary>
/// The registry of boards on this instance: creates boards, finds them by the key in a link, hands out
/// the one room of each (opening it on first use: it follows the board's writer) and unloads the rooms nobody is on.
/// </summary>
public sealed partial class BoardRooms(IBoardStore store, IBoardGrains writers, TimeProvider clock, BoardRoomOptions options, ILoggerFactory loggerFactory)
    : IAsyncDisposable
{
    private readonly ConcurrentDictionary<BoardId, Lazy<Task<BoardRoom>>> rooms = new();
    private readonly ILogger logger = loggerFactory.CreateLogger<BoardRoom>();

    private readonly Dictionary<BoardId, int> present = [];
    private int presentInAll;

    /// <summary>Boards in memory right now.</summary>
    public int LoadedCount => rooms.Count;

    /// <summary>People seated on this app instance right now (each tab counts), joining ones included.</summary>
    public int Seated
    {
        get
        {
            lock (present)
            {
                return presentInAll;
            }
        }
    }

    /// <summary>Whether one more person may come onto this board (the app's and the board's limits).</summary>
    public bool HasRoomFor(BoardId board)
    {
        lock (present)
        {
            return presentInAll < options.MaxParticipants && present.GetValueOrDefault(board) < options.MaxParticipantsPerBoard;
        }
    }

    /// <summary>
    /// Creates an empty board, or one holding an imported board's elements and chat (and its history, when the file carried
    /// it); returns its record (with both keys).
    /// </summary>
    public async Task<BoardRecord> CreateBoardAsync(ImportedBoard? content, CancellationToken cancellationToken)
    {
        if (content?.History is not null)
        {
            return await CreateBoardAsync(content, [], cancellationToken);
        }

        var board = NewBoard(content?.Name);
        await store.CreateBoardAsync(board, content is null ? null : BoardState.Of(content.Elements, content.Chat).Capture(), cancellationToken);
        return board;
    }

    /// <summary>
    /// Creates a board holding an imported board's elements and chat, its history when the file carried it, and its images
    /// (checked already, see <see cref="Images.ImportedImages"/>): all or nothing, and no link opens it until it is whole
    /// (<see cref="BoardImport"/>).
    /// </summary>
    public async Task<BoardRecord> CreateBoardAsync(ImportedBoard content, IReadOnlyList<Images.BoardImage> images, CancellationToken cancellationToken)
    {
        var board = NewBoard(content.Name);
        await BoardImport.StoreAsync(store, board, content, images, logger, cancellationToken);
        return board;
    }

    private BoardRecord NewBoard(string? name) => new(BoardId.New(), name ?? BoardName.Default, BoardKey.New(), BoardKey.New(), clock.GetUtcNow());

    /// <summary>Whether the board keeps an image with this hash: an image element may show only those.</summary>
    public Task<bool> HasImageAsync(BoardId board, string hash, CancellationToken cancellationToken) =>
        store is IBoardImageStore images ? images.HasImageAsync(board, hash, cancellationToken) : Task.FromResult(false);

    /// <summary>The board a link's key opens, the key, and what it lets its holder do; null when it opens none.</summary>
    public async Task<(BoardRecord Board, BoardKey Key, BoardAccess Access)?> FindAsync(string? key, CancellationToken cancellationToken)
    {
        if (!BoardKey.TryParse(key, out var parsed) || await store.FindAsync(parsed, cancellationToken) is not { } board)
        {
            return null;
        }

        return (board, parsed, board.AccessFor(parsed));
    }

    /// <summary>
    /// Joins the board a key opens: the room and the subscription, whose first update is the
    /// snapshot. The participant goes by <paramref name="name"/>, already validated. Null when the key
    /// opens no board; <see cref="BoardFullException"/> when it is full. Every join returned is ended by
    /// <see cref="LeaveAsync"/>; one that throws (cancelled, say) holds no seat.
    /// </summary>
    public async Task<(BoardRoom Room, RoomSubscription Subscription)?> JoinAsync(
        BoardKey key, ParticipantId participant, string name, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(key, cancellationToken) is not { } board)
        {
            return null;
        }

        Admit(board.Id);
        (BoardRoom Room, RoomSubscription? Subscription) joined;
        try
        {
            joined = await WithRoomAsync(board, room => JoinRoomAsync(room, participant, key, name), cancellationToken);
        }
        catch
        {
            Release(board.Id);
            throw;
        }

        if (joined.Subscription is not { } subscription)
        {
            Release(board.Id);
            return null;
        }

        return (joined.Room, subscription);
    }

    /// <summary>
    /// Takes a seat in a room's loop. Not cancelled once asked: the room may seat the participant after the
    /// asker stopped waiting, and nobody would ever give that seat back. A room that stops meanwhile answers
    /// no more, and is treated as closed (the join is tried again on the board loaded anew).
    /// </summary>
    private static async Task<RoomSubscription?> JoinRoomAsync(BoardRoom room, ParticipantId participant, BoardKey key, string name)
    {
        var joining = room.JoinAsync(participant, key, name);
        await Task.WhenAny(joining, room.Stopped);
        return joining.IsCompleted ? await joining : throw new ChannelClosedException("The board stopped while joining it.");
    }

    /// <summary>
    /// Starts loading a board's room without waiting for it, when its page is asked for: the browser takes
    /// about a second to load the page and a large board takes a while to load from the store, so they
    /// overlap. A load that fails is logged and forgotten; the join that follows tries again and says why.
    /// </summary>
    public void StartLoading(BoardRecord board)
    {
        var lazy = RoomOf(board);
        lazy.Value.ContinueWith(
            failed =>
            {
                Forget(board.Id, lazy);
                LogPreloadFailed(logger, failed.Exception!, board.Id);
            },
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>
    /// Leaves a room; the seat is given back once the room has let the participant go (or has stopped), so a newcomer
    /// never finds them still there.
    /// </summary>
    public async Task LeaveAsync(BoardRoom room, RoomSubscription subscription)
    {
        try
        {
            await room.LeaveAsync(subscription);
        }
        finally
        {
            Release(room.Id);
        }
    }

    /// <summary>A board's record, elements and chat as they are now, for export.</summary>
    public async Task<BoardContent> ReadAsync(BoardRecord board, CancellationToken cancellationToken) =>
        (await WithRoomAsync(board, room => room.ReadAsync(cancellationToken), cancellationToken)).Result;

    /// <summary>Stops the rooms nobody has been on for a while; their boards load again when someone comes back.</summary>
    public async Task UnloadIdleAsync()
    {
        var idleSince = clock.GetUtcNow() - options.UnloadAfter;
        foreach (var (id, lazy) in rooms)
        {
            if (lazy.Value.IsCompletedSuccessfully && await (await lazy.Value).TryUnloadAsync(idleSince))
            {
                Forget(id, lazy);
            }
        }
    }

    private void Admit(BoardId board)
    {
        lock (present)
        {
            if (presentInAll >= options.MaxParticipants || present.GetValueOrDefault(board) >= options.MaxParticipantsPerBoard)
            {
                throw new BoardFullException();
            }

            presentInAll++;
            present[board] = present.GetValueOrDefault(board) + 1;
        }
    }

    private void Release(BoardId board)
    {
        lock (present)
        {
            presentInAll--;
            if (--present[board] == 0)
            {
                present.Remove(board);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in rooms.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                await (await lazy.Value).DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Asks the board's room, loading it if needed. A room that stops meanwhile (unloaded, or
    /// failed) is forgotten once it has written down what it holds, and the board loaded again.
    /// </summary>
    private async Task<(BoardRoom Room, T Result)> WithRoomAsync<T>(
        BoardRecord board, Func<BoardRoom, Task<T>> ask, CancellationToken cancellationToken)
    {
        while (true)
        {
            var lazy = RoomOf(board);
            BoardRoom room;
            try
            {
                room = await lazy.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (lazy.Value.IsFaulted)
            {
                // A room that failed to load is forgotten, so the next visitor tries again.
                Forget(board.Id, lazy);
                throw;
            }

            try
            {
                return (room, await ask(room));
            }
            catch (ChannelClosedException)
            {
                await room.Stopped;
                Forget(board.Id, lazy);
            }
        }
    }

    /// <summary>
    /// The board's one room, loading or loaded; loading starts the first time it is asked for, on the
    /// thread pool: Microsoft.Data.Sqlite reads synchronously inside its async methods, and a load started
    /// by a page's request (<see cref="StartLoading"/>) would otherwise hold that page up until it ends.
    /// </summary>
    private Lazy<Task<BoardRoom>> RoomOf(BoardRecord board) =>
        rooms.GetOrAdd(board.Id, _ => new Lazy<Task<BoardRoom>>(
            () => Task.Run(() => BoardRoom.LoadAsync(board, writers.Of(board.Id), clock, logger, options, CancellationToken.None))));

    /// <summary>Forgets a board's room, if it is still this one (another may have taken its place meanwhile).</summary>
    private void Forget(BoardId board, Lazy<Task<BoardRoom>> room) =>
        rooms.TryRemove(new KeyValuePair<BoardId, Lazy<Task<BoardRoom>>>(board, room));

    [LoggerMessage(Level = LogLevel.Error, Message = "Board {Board} could not be loaded ahead of its page")]
    private static partial void LogPreloadFailed(ILogger logger, Exception exception, BoardId board);
}
