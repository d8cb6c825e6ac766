using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Storage;

/// <summary>The in-memory store's imports: nothing outlives the process, so no import is ever left unfinished by another.</summary>
public sealed partial class InMemoryBoardStore : IBoardImportStore
{
    public Task BeginImportAsync(BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken)
    {
        Add(board, content, importing: true);
        return Task.CompletedTask;
    }

    public Task FinishImportAsync(BoardRecord board, CancellationToken cancellationToken)
    {
        if (!boards.TryGetValue(board.Id, out var stored) || !stored.Importing)
        {
            throw new InvalidDataException(UnfinishedImports.Removed);
        }

        lock (stored)
        {
            stored.Record = stored.Record with { Name = board.Name, Changed = board.Changed };
            stored.Importing = false;
        }

        return Task.CompletedTask;
    }

    public Task AbandonImportAsync(BoardId board, CancellationToken cancellationToken)
    {
        if (boards.TryGetValue(board, out var stored) && stored.Importing)
        {
            boards.TryRemove(board, out _);
            images.TryRemove(board, out _);
            foreach (var key in keptAt.Keys.Where(kept => kept.Item1 == board))
            {
                keptAt.TryRemove(key, out _);
            }
        }

        return Task.CompletedTask;
    }
}
