using Whiteboard.App.History;
using Whiteboard.App.Images;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Boards;

/// <summary>
/// Stores a board made from a file, all or nothing (<see cref="IBoardImportStore"/>): its first moment, its images (checked
/// already, see <see cref="ImportedImages"/>) and its history when the file carried it, while neither of its links opens it.
/// Whatever stops it midway (an image the store will not keep, a history that does not replay, the store failing, the
/// importer gone) leaves nothing: what was stored is removed, and the link is never opened.
/// </summary>
public static partial class BoardImport
{
    public static async Task StoreAsync(
        IBoardStore store, BoardRecord board, ImportedBoard content, IReadOnlyList<BoardImage> images, ILogger logger, CancellationToken cancellationToken)
    {
        var imports = store as IBoardImportStore ?? throw new InvalidDataException("This app's store cannot import boards.");
        var first = content.History is null ? BoardState.Of(content.Elements, content.Chat).Capture() : HistoryImport.FirstContent(content.History);
        try
        {
            await imports.BeginImportAsync(board, first, cancellationToken);
            // The images first: a board full of them is found before a long history is written.
            await KeepAsync(store, board, images, cancellationToken);
            if (content.History is { } whole)
            {
                await HistoryImport.WriteAsync(store, board, whole, cancellationToken);
            }

            await imports.FinishImportAsync(board, cancellationToken);
        }
        catch (Exception)
        {
            await AbandonAsync(imports, board, logger);
            throw;
        }
    }

    private static async Task KeepAsync(IBoardStore store, BoardRecord board, IReadOnlyList<BoardImage> images, CancellationToken cancellationToken)
    {
        foreach (var image in images)
        {
            if (store is not IBoardImageStore kept)
            {
                throw new InvalidDataException("This app's store keeps no images: the file's images cannot be imported.");
            }

            if (await kept.KeepImageAsync(board.Id, image, BoardLimits.MaxImageBytesPerBoard, cancellationToken) == ImageKept.BoardFull)
            {
                throw new InvalidDataException(BoardImageEndpoints.BoardImagesFull);
            }
        }
    }

    /// <summary>
    /// Removes what the import stored, whatever the importer's token says. Should the store fail here too, no link opens the
    /// board still, and a later import removes it as one left unfinished (<see cref="UnfinishedImports"/>); the importer
    /// hears the first failure, which is why the import stopped.
    /// </summary>
    private static async Task AbandonAsync(IBoardImportStore imports, BoardRecord board, ILogger logger)
    {
        try
        {
            await imports.AbandonImportAsync(board.Id, CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogAbandonFailed(logger, exception, board.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The failed import of board {Board} could not be removed; no link opens it, and a later import removes it")]
    private static partial void LogAbandonFailed(ILogger logger, Exception exception, BoardId board);
}
