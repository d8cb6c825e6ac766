using Whiteboard.Shared.State;

namespace Whiteboard.App.Images;

/// <summary>
/// Which of a board's images are still used when its snapshot is written: those its elements show, and those an undo or
/// a redo could bring back. The rest are removed from the store then, as the board is compacted, unless they were kept
/// within <see cref="Grace"/> (uploaded and about to be placed), or named by any operation or checkpoint of the board's
/// history, which a restore may bring back (each store checks that itself: <see cref="Storage.IBoardImageStore"/>).
/// </summary>
public static class UsedImages
{
    /// <summary>How long an image uploaded and not placed yet is kept whatever the snapshots say.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromHours(1);

    public static IReadOnlySet<string> In(BoardStateRecord state)
    {
        var steps = (state.Histories ?? []).SelectMany(history => (history.Undo ?? []).Concat(history.Redo ?? []));
        return (state.Elements ?? []).Concat(steps.SelectMany(step => (step.Elements ?? []).Concat(step.After ?? [])))
            .Where(element => element.Type == "image" && element.Image is not null)
            .Select(element => element.Image!)
            .ToHashSet();
    }
}
