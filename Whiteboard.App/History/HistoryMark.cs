namespace Whiteboard.App.History;

/// <summary>
/// One moment along a board's history: right after operation <paramref name="Sequence"/>, made at <paramref name="At"/> by
/// <paramref name="Author"/>; each null when not known (stored before the history kept them, or made for someone who had left).
/// </summary>
public sealed record HistoryMark(long Sequence, DateTimeOffset? At, HistoryAuthor? Author);
