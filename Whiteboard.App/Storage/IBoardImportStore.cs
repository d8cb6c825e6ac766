using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Storage;

/// <summary>
/// A board made from a file, kept all or nothing, as every board store (<see cref="IBoardStore"/>) keeps it. The import
/// is written in as many writes as it takes (its images, operations and checkpoints through the store's usual writes: a
/// long history written in one transaction would hold up every other board's appends), while no link opens the board;
/// it opens once the import is finished, and a failed import is removed whole. An import a stopped process left
/// unfinished is removed when a later one begins (<see cref="UnfinishedImports"/>).
/// </summary>
public interface IBoardImportStore
{
    /// <summary>
    /// Adds a board that neither of its links opens yet, empty or holding <paramref name="content"/> as its first
    /// checkpoint; first removes the imports earlier processes left unfinished.
    /// </summary>
    Task BeginImportAsync(BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the board to its links, with the name and time of <paramref name="board"/>. <see cref="InvalidDataException"/>
    /// when its import is no longer there to finish (it was removed as unfinished).
    /// </summary>
    Task FinishImportAsync(BoardRecord board, CancellationToken cancellationToken);

    /// <summary>Removes an import that did not finish: its board, operations, checkpoints and images. A finished board stays as it is.</summary>
    Task AbandonImportAsync(BoardId board, CancellationToken cancellationToken);
}
