using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Boards;

/// <summary>A board as the store rebuilds it: its latest snapshot with the operations after it applied.</summary>
internal sealed record LoadedBoard(BoardState State, long Sequence, long SnapshotSequence)
{
    public static async Task<LoadedBoard> LoadAsync(BoardId id, IBoardStore store, CancellationToken cancellationToken)
    {
        var stored = await store.LoadAsync(id, cancellationToken);
        var state = new BoardState();
        if (stored.Snapshot is not null)
        {
            var restored = BoardState.Restore(stored.Snapshot);
            state = restored.IsValid ? restored.Value! : throw new InvalidDataException($"Board {id}: {restored.Error}");
        }

        var sequence = stored.SnapshotSequence;
        foreach (var operation in stored.Operations)
        {
            state.Apply(operation.Author, operation.Operation);
            sequence = operation.Sequence;
        }

        return new LoadedBoard(state, sequence, stored.SnapshotSequence);
    }
}
