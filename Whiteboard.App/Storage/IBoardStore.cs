using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Storage;

/// <summary>
/// Where boards are kept. A room appends the operations it accepted, in sequence order, and
/// acknowledges them only once this returns; its latest snapshot and the operations after it
/// rebuild the board.
/// </summary>
public interface IBoardStore
{
    /// <summary>Adds a board, empty or holding <paramref name="content"/> (an imported board) as its first snapshot.</summary>
    Task CreateBoardAsync(BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken);

    /// <summary>The board whose edit or view key this is; null when no board has it.</summary>
    Task<BoardRecord?> FindAsync(BoardKey key, CancellationToken cancellationToken);

    /// <summary>The board with this id; null when there is none.</summary>
    Task<BoardRecord?> FindAsync(BoardId board, CancellationToken cancellationToken);

    /// <summary>Keeps a board's new name or edit key.</summary>
    Task UpdateAsync(BoardRecord board, CancellationToken cancellationToken);

    /// <summary>Adds accepted operations, all or none, and notes when the board changed.</summary>
    Task AppendAsync(BoardId board, IReadOnlyList<StoredOperation> operations, DateTimeOffset changed, CancellationToken cancellationToken);

    /// <summary>Keeps the board as it is after operation <paramref name="sequence"/>; the operations up to it are no longer needed.</summary>
    Task SaveSnapshotAsync(BoardId board, long sequence, BoardStateRecord state, CancellationToken cancellationToken);

    Task<StoredBoard> LoadAsync(BoardId board, CancellationToken cancellationToken);

    /// <summary>Null when the store can read and write; otherwise what is wrong, in words for the person running the app.</summary>
    Task<string?> CheckAsync(CancellationToken cancellationToken);
}
