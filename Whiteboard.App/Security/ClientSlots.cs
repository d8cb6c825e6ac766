using System.Net;

namespace Whiteboard.App.Security;

/// <summary>
/// Costly requests this instance serves at once, in all and per client address (an IPv6 client's /64): past either
/// bound a request is told to come back later, so that one client cannot hold every slot. Exports and image checks
/// each keep their own.
/// </summary>
public class ClientSlots(int perInstance, int perClient)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> takenBy = [];
    private int taken;

    /// <summary>A slot, to dispose once the request is served; null when every slot, or every one this client may hold, is taken.</summary>
    public IDisposable? TryTake(IPAddress? client)
    {
        var partition = ClientBudget.PartitionOf(client);
        lock (gate)
        {
            var byClient = takenBy.GetValueOrDefault(partition);
            if (taken >= perInstance || byClient >= perClient)
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

    private sealed class Slot(ClientSlots slots, string partition) : IDisposable
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
