using System.Net;

namespace Whiteboard.App.Security;

/// <summary>
/// How many boards one client may make: one <see cref="ClientBudget"/> shared by the home page's form (POST /boards)
/// and the import (over the circuit), so one script cannot fill the store with boards.
/// </summary>
public sealed partial class BoardCreationLimiter(WhiteboardOptions options, ILogger<BoardCreationLimiter> logger) : IDisposable
{
    private readonly ClientBudget budget = new(options.BoardCreationsPerMinute, options.BoardCreationBurst);

    /// <summary>Takes one board from the client's budget; when it is spent, false and how long to wait.</summary>
    public bool TryAcquire(IPAddress? client, out TimeSpan retryAfter)
    {
        if (budget.TryTake(client, out retryAfter))
        {
            return true;
        }

        LogRefused(logger, ClientBudget.PartitionOf(client), Math.Ceiling(retryAfter.TotalSeconds));
        return false;
    }

    /// <summary>What a person is told when their budget is spent.</summary>
    public static string Refusal(int seconds) =>
        $"Too many new boards from your address: try again in {seconds} second{(seconds == 1 ? "" : "s")}.";

    public void Dispose() => budget.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "A new board was refused to {Client}: it made too many; it may try again in {Seconds} s")]
    private static partial void LogRefused(ILogger logger, string client, double seconds);
}
