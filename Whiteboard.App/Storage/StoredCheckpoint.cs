using Whiteboard.Shared.State;

namespace Whiteboard.App.Storage;

/// <summary>The board written down whole right after operation <paramref name="Sequence"/>: a snapshot, kept as a checkpoint of its history.</summary>
public sealed record StoredCheckpoint(long Sequence, BoardStateRecord State);
