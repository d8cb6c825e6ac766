using System.Net;
using Whiteboard.App.Security;

namespace Whiteboard.App.Images;

/// <summary>
/// How many images one client may upload: each is decoded and written again, seconds of a core for a large photo, so
/// one script could otherwise keep the decoders busy for everyone. Counted before the bytes are read.
/// </summary>
public sealed partial class ImageUploadLimiter(WhiteboardOptions options, ILogger<ImageUploadLimiter> logger) : IDisposable
{
    private readonly ClientBudget budget = new(options.ImageUploadsPerMinute, options.ImageUploadBurst);

    /// <summary>Takes one upload from the client's budget; when it is spent, false and how long to wait.</summary>
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
        $"Too many images from your address: try again in {seconds} second{(seconds == 1 ? "" : "s")}.";

    public void Dispose() => budget.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "An image upload was refused to {Client}: it sent too many; it may try again in {Seconds} s")]
    private static partial void LogRefused(ILogger logger, string client, double seconds);
}
