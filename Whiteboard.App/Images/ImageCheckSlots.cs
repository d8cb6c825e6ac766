using Whiteboard.App.Security;

namespace Whiteboard.App.Images;

/// <summary>
/// How many uploads this instance holds at once, decoding or waiting for a decoder: taken before an upload's body is read,
/// so that a burst of uploads never holds more than <see cref="PerInstance"/> bodies of up to 10 MB each. Past the bound
/// an upload is told to come back later, and nothing of it is read.
/// </summary>
public sealed class ImageCheckSlots() : ClientSlots(PerInstance, PerClient)
{
    /// <summary>The decoders (<see cref="ImageCheck.DecodedAtOnce"/>) and six waiting: at most 80 MB of bodies, and a wait of seconds.</summary>
    public const int PerInstance = ImageCheck.DecodedAtOnce + 6;

    /// <summary>Uploads one client address (an IPv6 client's /64) holds at once: one script cannot take every slot.</summary>
    public const int PerClient = 4;

    /// <summary>Seconds a refused upload is asked to wait: about what the uploads ahead of it take to check.</summary>
    public const int RetryAfterSeconds = 5;

    public static string Busy =>
        $"The server is busy checking other images: try again in {RetryAfterSeconds} seconds.";
}
