namespace Whiteboard.App.Storage;

/// <summary>When operation <paramref name="Sequence"/> was stored and who made it, as seated then; each null when not known (stored before the history kept them).</summary>
public sealed record HistoryStamp(long Sequence, DateTimeOffset? At, SeatedAuthor? Seated);
