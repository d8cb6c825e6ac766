using System.Net;
using Whiteboard.App.Security;

namespace Whiteboard.App.Images;

/// <summary>
/// How much image checking one client may ask for: each image is decoded and written again, up to 7 s of a core for a
/// 40-megapixel one, so one script could otherwise keep the decoders busy for everyone. An upload takes one from the
/// client's budget before its bytes are read, then one more per <see cref="PixelsPerCharge"/> its header says it has,
/// before a pixel is decoded; an import pays the same for its images at once (<see cref="ImportedImages"/>).
/// </summary>
public sealed partial class ImageUploadLimiter(WhiteboardOptions options, ILogger<ImageUploadLimiter> logger) : IDisposable
{
    /// <summary>Pixels that cost one more from the budget: a 40-megapixel image costs 11 uploads of a small one.</summary>
    public const long PixelsPerCharge = 4_000_000;

    private readonly ClientBudget budget = new(options.ImageUploadsPerMinute, options.ImageUploadBurst);

    /// <summary>The most a client may take at once.</summary>
    public int Burst => budget.Burst;

    /// <summary>What decoding an image of this many pixels costs beyond the upload itself.</summary>
    public static int ChargeFor(long pixels) => (int)(pixels / PixelsPerCharge);

    /// <summary>Takes one upload from the client's budget; when it is spent, false and how long to wait.</summary>
    public bool TryAcquire(IPAddress? client, out TimeSpan retryAfter) => TryAcquire(client, 1, out retryAfter);

    /// <summary>
    /// Takes what decoding an image of <paramref name="pixels"/> costs beyond its upload (nothing for a small one; at most
    /// the whole budget, when it is set that low); when the budget cannot pay it, false and how long to wait.
    /// </summary>
    public bool TryAcquireForPixels(IPAddress? client, long pixels, out TimeSpan retryAfter)
    {
        var charge = Math.Min(ChargeFor(pixels), Burst);
        retryAfter = TimeSpan.Zero;
        return charge == 0 || TryAcquire(client, charge, out retryAfter);
    }

    /// <summary>Takes <paramref name="cost"/> (at most <see cref="Burst"/>) from the client's budget, all or nothing; when it cannot pay, false and how long to wait.</summary>
    public bool TryAcquire(IPAddress? client, int cost, out TimeSpan retryAfter)
    {
        if (budget.TryTake(client, cost, out retryAfter))
        {
            return true;
        }

        LogRefused(logger, ClientBudget.PartitionOf(client), cost, Math.Ceiling(retryAfter.TotalSeconds));
        return false;
    }

    /// <summary>What a person is told when their budget is spent.</summary>
    public static string Refusal(int seconds) =>
        $"Too many images from your address: try again in {seconds} second{(seconds == 1 ? "" : "s")}.";

    public void Dispose() => budget.Dispose();

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Image checking worth {Cost} uploads was refused to {Client}: it asked for too much; it may try again in {Seconds} s")]
    private static partial void LogRefused(ILogger logger, string client, int cost, double seconds);
}
