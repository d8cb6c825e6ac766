using System.Collections.Concurrent;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Boards;

/// <summary>
/// Board writers in this process without Orleans, each loaded on first use and let go once no room follows it, as a
/// grain would be: for tools and tests that drive rooms directly (the bench's store scenario, the rooms' unit tests).
/// What the rooms and writers say to each other is encoded as it is between instances.
/// </summary>
public sealed class LocalBoardGrains(IBoardStore store, TimeProvider clock, BoardRoomOptions options, ILoggerFactory loggers) : IBoardGrains
{
    private readonly ConcurrentDictionary<BoardId, LocalBoardGrain> writers = new();

    /// <summary>Rooms whose boards' writers live in this process.</summary>
    public static BoardRooms Rooms(IBoardStore store, TimeProvider clock, BoardRoomOptions options, ILoggerFactory loggers) =>
        new(store, new LocalBoardGrains(store, clock, options, loggers), clock, options, loggers);

    public IBoardGrain Of(BoardId board) => writers.GetOrAdd(board, id => new LocalBoardGrain(this, id));

    private Task<BoardWriter?> LoadWriterAsync(BoardId id) =>
        BoardWriter.LoadAsync(id, store, clock, loggers.CreateLogger<BoardWriter>(), options, CancellationToken.None);

    private sealed class LocalBoardGrain(LocalBoardGrains owner, BoardId id) : IBoardGrain
    {
        private readonly Lock gate = new();
        private Task<BoardWriter>? writer;

        public Task<byte[]> AskAsync(string relay, byte[] requests) => GoingWhenDoneAsync(loaded => loaded.AskAsync(relay, requests));

        public Task<byte[]> ListenAsync(string relay, byte[] cursor) => GoingWhenDoneAsync(loaded => loaded.ListenAsync(relay, cursor));

        public Task ForgetRelayAsync(string relay) => GoingWhenDoneAsync(async loaded =>
        {
            await loaded.ForgetRelayAsync(relay);
            return true;
        });

        /// <summary>
        /// As a grain: the writer is loaded for a request when there is none, and let go once no room follows the board
        /// (written down first) or once it failed.
        /// </summary>
        private async Task<T> GoingWhenDoneAsync<T>(Func<BoardWriter, Task<T>> request)
        {
            Task<BoardWriter> loading;
            lock (gate)
            {
                loading = writer ??= LoadAsync();
            }

            BoardWriter? loaded = null;
            try
            {
                loaded = await loading;
                return await request(loaded);
            }
            finally
            {
                if (loaded is null || loaded.IsDone)
                {
                    await LetGoAsync(loading, loaded);
                }
            }
        }

        private async Task<BoardWriter> LoadAsync() =>
            await owner.LoadWriterAsync(id) ?? throw new InvalidOperationException($"There is no board {id}.");

        private async Task LetGoAsync(Task<BoardWriter> loading, BoardWriter? loaded)
        {
            lock (gate)
            {
                if (writer != loading)
                {
                    return;
                }

                writer = null;
            }

            if (loaded is { HasFailed: false })
            {
                await loaded.StopAsync();
            }
        }
    }
}
