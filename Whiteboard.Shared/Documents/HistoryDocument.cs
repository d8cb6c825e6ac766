using Whiteboard.Shared.State;

namespace Whiteboard.Shared.Documents;

/// <summary>
/// A board's whole history in its exported file (format version 5, asked for with <c>?history=true</c>): the board at its
/// first moment (<paramref name="First"/>: 0, the empty board, unless <paramref name="Checkpoint"/> holds it, as an
/// imported board's content or an older board's first snapshot), then every operation after it, in order. Replayed, they
/// give the file's elements and chat.
/// </summary>
public sealed record HistoryDocument(long First, BoardStateRecord? Checkpoint, HistoryEntry?[]? Operations);
