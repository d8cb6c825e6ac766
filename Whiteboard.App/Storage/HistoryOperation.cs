namespace Whiteboard.App.Storage;

/// <summary>A stored operation and when it was stored (null for one stored before the history kept times).</summary>
public sealed record HistoryOperation(StoredOperation Operation, DateTimeOffset? At);
