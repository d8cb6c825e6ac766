using Whiteboard.Shared.State;

namespace Whiteboard.App.History;

/// <summary>
/// The board as it was right after operation <paramref name="Sequence"/>: <paramref name="Board"/> (its elements in drawing
/// order, as a snapshot a page draws, and the chat's latest messages then), when that operation was made
/// (<paramref name="At"/>; null when not known), and who was drawing then (<paramref name="Drawing"/>: the authors of the
/// operations in the minute before it, each once, the latest first).
/// </summary>
public sealed record HistoryMoment(long Sequence, DateTimeOffset? At, BoardSnapshot Board, IReadOnlyList<HistoryAuthor> Drawing);
