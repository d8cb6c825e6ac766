using Whiteboard.Shared.Protocol;

namespace Whiteboard.Shared.Documents;

/// <summary>
/// One operation of a board's history in its exported file: its <paramref name="Sequence"/>, when it was stored
/// (<paramref name="At"/>; null when not known), its <paramref name="Author"/> (a participant's id), the author's
/// <paramref name="Name"/> and <paramref name="Color"/> as seated then (null when not known), and the operation as a
/// client sends it, a restore with its moment (<paramref name="Operation"/>).
/// </summary>
public sealed record HistoryEntry(long Sequence, DateTimeOffset? At, string? Author, string? Name, string? Color, BoardMessage? Operation);
