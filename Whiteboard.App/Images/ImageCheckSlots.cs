using System.Net;
using Whiteboard.App.Security;

namespace Whiteboard.App.Images;

/// <summary>
/// How many uploads this instance holds at once, decoding or waiting for a decoder: taken before an upload's body is read,
/// so that a burst of uploads never holds more than <see cref="PerInstance"/> bodies of up to 10 MB each. Past the bound
/// an upload is told to come back later, and nothing of it is read.
/// </summary>
public sealed class ImageCheckSlots
{
    /// <summary>The decoders (<see cref="ImageCheck.DecodedAtOnce"/>) and six waiting: at most 80 MB of bodies, and a wait of seconds.</summary>
    public const int PerInstance = ImageCheck.DecodedAtOnce + 6;

    /// <summary>Uploads one client address (an IPv6 client's /64) holds at once: one script cannot take every slot.</summary>
    public const int PerClient = 4;

    /// <summary>Seconds a refused upload is asked to wait: about what the uploads ahead of it take to check.</summary>
    public const int RetryAfterSeconds = 5;

    private readonly Lock gate = new();
    private readonly Dictionary<string, int> takenBy = [];
    private int taken;

    public static string Busy =>
        $"The server is busy checking other images: try again in {RetryAfterSeconds} seconds.";

    /// <summary>A slot, to dispose once the upload is checked; null when every slot, or every one this client may hold, is taken.</summary>
    public IDisposable? TryTake(IPAddress? client)
    {
        var partition = ClientBudget.PartitionOf(client);
        lock (gate)
        {
            var byClient = takenBy.GetValueOrDefault(partition);
            if (taken >= PerInstance || byClient >= PerClient)
            {
                return null;
            }

            taken++;
            takenBy[partition] = byClient + 1;
        }

        return new Slot(this, partition);
    }

    private void Release(string partition)
    {
        lock (gate)
        {
            taken--;
            if (--takenBy[partition] == 0)
            {
                takenBy.Remove(partition);
            }
        }
    }

    private sealed class Slot(ImageCheckSlots slots, string partition) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release(partition);
            }
        }
    }
}
