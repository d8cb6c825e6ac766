using Whiteboard.App.Images;
using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Storage;

/// <summary>
/// Where a board's images are kept: once per board, by their hash, whatever number of its elements show one. Every
/// board store (<see cref="IBoardStore"/>) keeps them too, in the same database.
/// </summary>
public interface IBoardImageStore
{
    /// <summary>
    /// Keeps the image for the board, unless it is kept already, or the board's images would then weigh more than
    /// <paramref name="maxBoardBytes"/> (checked in the same transaction as the write).
    /// </summary>
    Task<ImageKept> KeepImageAsync(BoardId board, BoardImage image, long maxBoardBytes, CancellationToken cancellationToken);

    /// <summary>The board's image with this hash, bytes and all; null when the board keeps none.</summary>
    Task<BoardImage?> ReadImageAsync(BoardId board, string hash, CancellationToken cancellationToken);

    /// <summary>Whether the board keeps an image with this hash, without reading its bytes.</summary>
    Task<bool> HasImageAsync(BoardId board, string hash, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the board's images that are not <paramref name="used"/>, are named by no operation or checkpoint of the
    /// board's history (a restore may bring them back), and have been kept for <paramref name="keptFor"/> or longer, by the
    /// store's own clock; how many. One call searches the history for at most <see cref="UnusedImages.MostSearched"/> of
    /// them (each search reads the whole history), so the rest wait for a later compaction.
    /// </summary>
    Task<int> ForgetUnusedImagesAsync(BoardId board, IReadOnlySet<string> used, TimeSpan keptFor, CancellationToken cancellationToken);
}

/// <summary>What keeping an image did.</summary>
public enum ImageKept
{
    Kept,
    AlreadyKept,
    BoardFull,
}
