using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;

namespace Whiteboard.App.History;

/// <summary>
/// A board made from a file that carries its whole history: the store gets the history as the board's writer would have
/// stored it (its first moment, every operation with its time and author, the board they lead to as the latest
/// checkpoint), so the new board's history view shows what the old one's did.
/// </summary>
public static class HistoryImport
{
    /// <summary>Operations appended at once, at most.</summary>
    private const int Run = 1_000;

    public static async Task CreateAsync(IBoardStore store, BoardRecord board, WholeHistory history, CancellationToken cancellationToken)
    {
        await store.CreateBoardAsync(board, history.First == 0 ? history.Checkpoint : null, cancellationToken);
        if (history.First > 0)
        {
            await store.SaveSnapshotAsync(board.Id, history.First, history.Checkpoint!, cancellationToken);
        }

        // Appended in runs stored at one time, so each operation keeps its own; one whose time was not known takes the import's.
        var operations = history.Operations;
        for (var start = 0; start < operations.Count;)
        {
            var at = operations[start].At;
            var end = start + 1;
            while (end < operations.Count && end - start < Run && operations[end].At == at)
            {
                end++;
            }

            var run = operations.Skip(start).Take(end - start)
                .Select(operation => new StoredOperation(operation.Sequence, operation.Author, operation.Operation,
                    operation is { Name: { } name, Color: { } color } ? new SeatedAuthor(name, color) : null))
                .ToList();
            await store.AppendAsync(board.Id, run, at ?? board.Changed, cancellationToken);
            start = end;
        }

        if (operations.Count > 0)
        {
            await store.SaveSnapshotAsync(board.Id, history.Last, history.Final, cancellationToken);
            await store.UpdateAsync(board, cancellationToken);
        }
    }
}
