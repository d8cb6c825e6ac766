namespace Whiteboard.App.Storage;

/// <summary>How a store's compaction finds the board's images nobody uses (<see cref="IBoardImageStore.ForgetUnusedImagesAsync"/>).</summary>
public static class UnusedImages
{
    /// <summary>
    /// The most images one compaction searches the board's history for, the longest kept first: each search reads the
    /// whole history, so a snapshot's compaction costs at most this many reads of it; the rest wait for the next snapshots.
    /// An image found in the history is counted as kept anew then, so that it is searched again only after the grace.
    /// </summary>
    public const int MostSearched = 16;
}
