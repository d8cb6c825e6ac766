using Whiteboard.App.Images;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Boards;

/// <summary>
/// When one board is written down whole: once enough operations have gone by (or, stopping, if any have).
/// The state is captured on the room's loop; serializing and storing it happen beside the loop, one write
/// at a time, so a large board's snapshot does not hold up drawing.
/// </summary>
internal sealed partial class SnapshotWriter(BoardId board, IBoardStore store, int every, ILogger logger)
{
    private Task write = Task.CompletedTask;

    /// <summary>The sequence number the latest snapshot was taken at; the store's, after loading.</summary>
    public long Sequence { get; set; }

    public async Task WriteAsync(long sequence, BoardState state, bool evenIfRecent)
    {
        var behind = sequence - Sequence;
        if (behind == 0 || (!evenIfRecent && (behind < every || !write.IsCompleted)))
        {
            return;
        }

        await ObserveAsync();
        var captured = state.Capture();
        Sequence = sequence;
        write = Task.Run(async () =>
        {
            await store.SaveSnapshotAsync(board, sequence, captured, CancellationToken.None);
            await ForgetUnusedImagesAsync(captured);
        });
    }

    /// <summary>The board is compacted: images nothing shows or could bring back go (see <see cref="UsedImages"/>).</summary>
    private async Task ForgetUnusedImagesAsync(BoardStateRecord captured)
    {
        if (store is not IBoardImageStore images)
        {
            return;
        }

        try
        {
            await images.ForgetUnusedImagesAsync(board, UsedImages.In(captured), UsedImages.Grace, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // They are kept until the next snapshot: a cost in bytes, nothing anyone sees.
            LogImagesNotForgotten(logger, exception, board, StoreFailure.Describe(exception));
        }
    }

    /// <summary>Waits for the snapshot being written; a failed one is logged, since the operations it would replace are still stored.</summary>
    public async Task ObserveAsync()
    {
        try
        {
            await write;
        }
        catch (Exception exception)
        {
            LogSnapshotFailed(logger, exception, board, StoreFailure.Describe(exception));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board {Board}: images no longer used could not be removed; they stay stored: {Problem}")]
    private static partial void LogImagesNotForgotten(ILogger logger, Exception exception, BoardId board, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board {Board}: a snapshot could not be written; its operations stay stored: {Problem}")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception, BoardId board, string problem);
}
