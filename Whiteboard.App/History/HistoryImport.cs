using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.State;

namespace Whiteboard.App.History;

/// <summary>
/// The history of a board made from a file that carries it, written into its import (<see cref="Boards.BoardImport"/>) as
/// the board's writer would have stored it: its first moment, every operation with its time and author, a checkpoint every
/// <see cref="StoredCheckpoint.Spacing"/> operations, the board they lead to as the latest checkpoint. So the new board's
/// history view shows what the old one's did, and any moment of it replays no more than a live board's would.
/// </summary>
public static class HistoryImport
{
    /// <summary>Operations appended at once, at most.</summary>
    private const int Run = 1_000;

    /// <summary>The board's content as its import begins: the history's first moment when that is 0, else none yet.</summary>
    public static BoardStateRecord? FirstContent(WholeHistory history) => history.First == 0 ? history.Checkpoint : null;

    /// <summary>Writes the history into the board's begun import; stops, between two writes, once the token is cancelled.</summary>
    public static async Task WriteAsync(IBoardStore store, BoardRecord board, WholeHistory history, CancellationToken cancellationToken)
    {
        if (history.First > 0)
        {
            await store.SaveSnapshotAsync(board.Id, history.First, history.Checkpoint!, cancellationToken);
        }

        // Replayed as it is appended, for the checkpoints along it; the file's history was replayed whole when it was read.
        var state = history.Checkpoint is null ? new BoardState() : Replayable(history.Checkpoint);
        var operations = history.Operations;
        for (var start = 0; start < operations.Count;)
        {
            // An append is not cancelled once asked: the store may commit it after its asker stopped waiting.
            cancellationToken.ThrowIfCancellationRequested();

            // Appended in runs stored at one time, so each operation keeps its own, each run ending at a checkpoint's
            // moment at the latest; one whose time was not known takes the import's.
            var at = operations[start].At;
            var end = start + 1;
            while (end < operations.Count && end - start < Run && operations[end].At == at && !IsCheckpoint(history, operations[end - 1].Sequence))
            {
                end++;
            }

            var run = operations.Skip(start).Take(end - start).ToList();
            await store.AppendAsync(board.Id, [.. run.Select(operation => new StoredOperation(operation.Sequence, operation.Author, operation.Operation,
                operation is { Name: { } name, Color: { } color } ? new SeatedAuthor(name, color) : null))], at ?? board.Changed, cancellationToken);
            foreach (var operation in run)
            {
                Replay(state, operation);
            }

            var reached = run[^1].Sequence;
            if (reached < history.Last && IsCheckpoint(history, reached))
            {
                await store.SaveSnapshotAsync(board.Id, reached, state.Capture(), cancellationToken);
            }

            start = end;
        }

        if (operations.Count > 0)
        {
            await store.SaveSnapshotAsync(board.Id, history.Last, history.Final, cancellationToken);
        }
    }

    private static bool IsCheckpoint(WholeHistory history, long sequence) => (sequence - history.First) % StoredCheckpoint.Spacing == 0;

    private static BoardState Replayable(BoardStateRecord checkpoint)
    {
        var restored = BoardState.Restore(checkpoint);
        return restored.IsValid ? restored.Value! : throw new InvalidDataException($"The imported history's first moment cannot be read. {restored.Error}");
    }

    private static void Replay(BoardState state, WholeHistoryOperation operation)
    {
        if (state.Apply(operation.Author, operation.Operation).Change is null)
        {
            throw new InvalidDataException($"Operation {operation.Sequence} of the imported history does not replay as it was read.");
        }
    }
}
