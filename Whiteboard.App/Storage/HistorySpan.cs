namespace Whiteboard.App.Storage;

/// <summary>The moments a board's history holds: right after operation <paramref name="First"/> to right after <paramref name="Last"/>.</summary>
public sealed record HistorySpan(long First, long Last);
