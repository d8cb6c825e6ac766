namespace Whiteboard.App.Storage;

/// <summary>The moments a board's history holds: right after operation <paramref name="First"/> to right after <paramref name="Last"/>.</summary>
public sealed record HistorySpan(long First, long Last)
{
    /// <summary>
    /// The span of a board whose checkpoints and operations run so (each null when it has none). A board whose every
    /// operation is kept starts empty, at 0; one whose first operations were dropped (by a build from before the whole
    /// history was kept) starts at its earliest checkpoint.
    /// </summary>
    public static HistorySpan Of(long? firstCheckpoint, long? lastCheckpoint, long? firstOperation, long? lastOperation) => new(
        firstOperation == 1 ? 0 : firstCheckpoint ?? 0,
        Math.Max(lastCheckpoint ?? 0, lastOperation ?? 0));
}
