namespace Whiteboard.App.History;

/// <summary>
/// A board's history for a slider: its moments run from right after operation <paramref name="First"/> (0: the empty board)
/// to right after <paramref name="Last"/>; <paramref name="Marks"/> are some of them along the way, oldest first, at most
/// <see cref="BoardHistory.MostMarks"/>, the last one included.
/// </summary>
public sealed record HistoryTimeline(long First, long Last, IReadOnlyList<HistoryMark> Marks);
