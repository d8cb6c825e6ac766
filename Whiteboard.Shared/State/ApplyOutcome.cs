namespace Whiteboard.Shared.State;

/// <summary>
/// The result of applying one operation: a change, nothing (a retry of something the board already
/// has), or a rejection with the reason to show the sender.
/// </summary>
public readonly record struct ApplyOutcome(BoardChange? Change, string? Rejection)
{
    public static ApplyOutcome Unchanged => default;

    public bool IsRejected => Rejection is not null;

    public static ApplyOutcome Changed(BoardChange change) => new(change, null);

    public static ApplyOutcome Reject(string reason) => new(null, reason);
}
