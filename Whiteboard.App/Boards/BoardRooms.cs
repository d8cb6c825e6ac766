using System.Collections.Concurrent;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Boards;

/// <summary>The registry of open boards: creates boards and hands out the one room of each.</summary>
public sealed class BoardRooms(IBoardStore store, ILoggerFactory loggerFactory) : IAsyncDisposable
{
    /// <summary>Room turns a session may fall behind before it is sent a snapshot instead.</summary>
    private const int SubscriberQueueCapacity = 256;

    private readonly ConcurrentDictionary<BoardId, Lazy<Task<BoardRoom>>> rooms = new();
    private readonly ILogger logger = loggerFactory.CreateLogger<BoardRoom>();

    public async Task<BoardId> CreateBoardAsync(CancellationToken cancellationToken)
    {
        var id = BoardId.New();
        await store.CreateBoardAsync(id, cancellationToken);
        return id;
    }

    public async Task<bool> BoardExistsAsync(BoardId id, CancellationToken cancellationToken) =>
        rooms.ContainsKey(id) || await store.BoardExistsAsync(id, cancellationToken);

    /// <summary>The board's room, loading it on first use; null for a board that does not exist.</summary>
    public async Task<BoardRoom?> OpenAsync(BoardId id, CancellationToken cancellationToken)
    {
        if (!await BoardExistsAsync(id, cancellationToken))
        {
            return null;
        }

        var lazy = rooms.GetOrAdd(id, board => new Lazy<Task<BoardRoom>>(
            () => BoardRoom.LoadAsync(board, store, logger, SubscriberQueueCapacity, CancellationToken.None)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            // A room that failed to load is forgotten, so the next visitor tries again.
            rooms.TryRemove(new KeyValuePair<BoardId, Lazy<Task<BoardRoom>>>(id, lazy));
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in rooms.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                await lazy.Value.Result.DisposeAsync();
            }
        }
    }
}
