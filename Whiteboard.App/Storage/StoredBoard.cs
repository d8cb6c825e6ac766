using Whiteboard.Shared.State;

namespace Whiteboard.App.Storage;

/// <summary>
/// A board's content as stored: its latest snapshot, taken after operation <paramref name="SnapshotSequence"/>
/// (none, and 0, for a board that never had one), and the operations after it, in order.
/// </summary>
public sealed record StoredBoard(long SnapshotSequence, BoardStateRecord? Snapshot, IReadOnlyList<StoredOperation> Operations);
