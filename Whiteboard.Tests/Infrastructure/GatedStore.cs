using Whiteboard.App.Images;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>
/// The in-memory store, whose next lookup, next append or next image check can be held until the test lets it go: a
/// join, a room's turn or a submission stopped at a known point, without waiting on the clock.
/// </summary>
public sealed class GatedStore : IBoardStore, IBoardImageStore
{
    private readonly InMemoryBoardStore inner = new();

    /// <summary>Holds <see cref="FindAsync(BoardKey, CancellationToken)"/>: a join looking its board up.</summary>
    public Gate Finds { get; } = new();

    /// <summary>Holds <see cref="AppendAsync"/>: a room's turn storing what it applied.</summary>
    public Gate Appends { get; } = new();

    /// <summary>Holds <see cref="HasImageAsync"/>: a submission checking that the board keeps the image it places.</summary>
    public Gate ImageChecks { get; } = new();

    public Task CreateBoardAsync(BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken) =>
        inner.CreateBoardAsync(board, content, cancellationToken);

    public async Task<BoardRecord?> FindAsync(BoardKey key, CancellationToken cancellationToken)
    {
        await Finds.PassAsync();
        return await inner.FindAsync(key, cancellationToken);
    }

    public Task<BoardRecord?> FindAsync(BoardId board, CancellationToken cancellationToken) => inner.FindAsync(board, cancellationToken);

    public Task UpdateAsync(BoardRecord board, CancellationToken cancellationToken) => inner.UpdateAsync(board, cancellationToken);

    public async Task AppendAsync(BoardId board, IReadOnlyList<StoredOperation> operations, DateTimeOffset changed, CancellationToken cancellationToken)
    {
        await Appends.PassAsync();
        await inner.AppendAsync(board, operations, changed, cancellationToken);
    }

    public Task SaveSnapshotAsync(BoardId board, long sequence, BoardStateRecord state, CancellationToken cancellationToken) =>
        inner.SaveSnapshotAsync(board, sequence, state, cancellationToken);

    public Task<StoredBoard> LoadAsync(BoardId board, CancellationToken cancellationToken) => inner.LoadAsync(board, cancellationToken);

    public Task<string?> CheckAsync(CancellationToken cancellationToken) => inner.CheckAsync(cancellationToken);

    public Task<ImageKept> KeepImageAsync(BoardId board, BoardImage image, long maxBoardBytes, CancellationToken cancellationToken) =>
        inner.KeepImageAsync(board, image, maxBoardBytes, cancellationToken);

    public Task<BoardImage?> ReadImageAsync(BoardId board, string hash, CancellationToken cancellationToken) =>
        inner.ReadImageAsync(board, hash, cancellationToken);

    public async Task<bool> HasImageAsync(BoardId board, string hash, CancellationToken cancellationToken)
    {
        await ImageChecks.PassAsync();
        return await inner.HasImageAsync(board, hash, cancellationToken);
    }

    public Task<int> ForgetUnusedImagesAsync(BoardId board, IReadOnlySet<string> used, TimeSpan keptFor, CancellationToken cancellationToken) =>
        inner.ForgetUnusedImagesAsync(board, used, keptFor, cancellationToken);

    /// <summary>Holds the next call that comes through, once, until released.</summary>
    public sealed class Gate
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource? held;

        /// <summary>Completes once the held call has come.</summary>
        public Task Reached => reached.Task;

        public void Hold() => Volatile.Write(ref held, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public void Release() => Volatile.Read(ref held)?.TrySetResult();

        internal async Task PassAsync()
        {
            if (Volatile.Read(ref held) is { Task.IsCompleted: false } holding)
            {
                reached.TrySetResult();
                await holding.Task;
            }
        }
    }
}
