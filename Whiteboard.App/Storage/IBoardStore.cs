using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Storage;

/// <summary>
/// Where boards are kept. A room appends the operations it accepted, in sequence order, and
/// acknowledges them only once this returns; replaying them rebuilds the board.
/// </summary>
public interface IBoardStore
{
    Task CreateBoardAsync(BoardId board, CancellationToken cancellationToken);

    Task<bool> BoardExistsAsync(BoardId board, CancellationToken cancellationToken);

    Task AppendAsync(BoardId board, IReadOnlyList<StoredOperation> operations, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredOperation>> LoadAsync(BoardId board, CancellationToken cancellationToken);
}
