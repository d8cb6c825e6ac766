namespace Whiteboard.App.Boards;

/// <summary>The answer to a submission: accepted, or the reason it was not (shown to the sender only).</summary>
public sealed record SubmitResult(string? Rejection)
{
    public static SubmitResult Accepted { get; } = new((string?)null);

    public bool IsAccepted => Rejection is null;

    public static SubmitResult Rejected(string reason) => new(reason);
}
