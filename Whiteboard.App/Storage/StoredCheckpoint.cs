using Whiteboard.Shared.State;

namespace Whiteboard.App.Storage;

/// <summary>The board written down whole right after operation <paramref name="Sequence"/>: a snapshot, kept as a checkpoint of its history.</summary>
public sealed record StoredCheckpoint(long Sequence, BoardStateRecord State)
{
    /// <summary>
    /// Operations between two kept checkpoints, at least (the latest aside). A snapshot written sooner after the one before
    /// (a board unloaded, or the app stopped, between two regular snapshots) loads the board until the next is written,
    /// and is then dropped: a history holds one checkpoint for every this many operations or fewer, and a moment replays
    /// fewer than twice this many operations.
    /// </summary>
    public const long Spacing = 5_000;

    /// <summary>
    /// Which checkpoint to drop as one at <paramref name="written"/> is kept: the one that was the latest before it,
    /// <paramref name="latest"/>, when it lies within <see cref="Spacing"/> of the one before it, <paramref name="beforeLatest"/>.
    /// Null when none: the first checkpoint is never dropped (an imported board's content, or an older board's start).
    /// </summary>
    public static long? Superseded(long written, long? latest, long? beforeLatest) =>
        latest is { } previous && beforeLatest is { } earlier && previous < written && previous - earlier < Spacing ? previous : null;
}
