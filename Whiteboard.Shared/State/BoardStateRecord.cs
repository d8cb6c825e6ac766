using System.Text.Json.Serialization;
using Whiteboard.Shared.Documents;

namespace Whiteboard.Shared.State;

/// <summary>
/// A <see cref="BoardState"/> written down, history included, so that a large board loads from its
/// latest snapshot and the operations after it instead of from its first operation.
/// </summary>
/// <param name="Elements">Every element, in drawing order, open ones included.</param>
/// <param name="Retired">[id, author] of every id used before and no longer on the board: ids are never reused.</param>
/// <param name="Chat">Every chat message, oldest first (none in a snapshot from before the chat).</param>
public sealed record BoardStateRecord(int Version, ElementRecord[]? Elements, string[][]? Retired, HistoryRecord[]? Histories, ChatRecord[]? Chat = null)
{
    public const int CurrentVersion = 1;
}

/// <summary>One participant's undo and redo stacks (oldest first) and the edit ids they sent recently (oldest first).</summary>
public sealed record HistoryRecord(string? Participant, StepRecord[]? Undo, StepRecord[]? Redo, string[]? Seen);

/// <summary>
/// One history step: "appeared" or "disappeared" with element versions; "moved" with ids and a distance; "retexted" with
/// the element's id and its content before and after; "restyled" with each element's style before and after; "resized"
/// with the versions before and after; "raised" or "lowered" (brought to the front, sent to the back) with ids and their
/// former places in the drawing order; "replaced" (a moment restored) with the finished elements before
/// (<paramref name="Elements"/>) and <paramref name="After"/>.
/// </summary>
public sealed record StepRecord(
    string? Kind, ElementRecord[]? Elements = null, string[]? Ids = null, float Dx = 0, float Dy = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? Texts = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RestyleRecord[]? Restyles = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int[]? Places = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ElementRecord[]? After = null);
