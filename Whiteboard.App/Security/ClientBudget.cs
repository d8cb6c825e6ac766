using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace Whiteboard.App.Security;

/// <summary>
/// A budget of requests per client address: a token bucket each (System.Threading.RateLimiting), refilled evenly
/// through the minute, so that a refused client is told to wait seconds, not a minute. ASP.NET Core's rate limiting
/// middleware keeps its limiters to itself; this one is held by whoever needs it (new boards, image uploads).
/// </summary>
public sealed class ClientBudget : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;
    private readonly TimeSpan replenishment;

    public ClientBudget(int perMinute, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perMinute, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        Burst = burst;
        // The partitioned limiter refills every bucket on its own timer, in proportion to the time gone, and forgets
        // buckets left full.
        replenishment = TimeSpan.FromMinutes(1) / perMinute;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = replenishment,
            QueueLimit = 0,
            AutoReplenishment = false,
        };
        limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => bucket));
    }

    /// <summary>The most a client may take at once: what its bucket holds when full.</summary>
    public int Burst { get; }

    /// <summary>Takes one from the client's budget; when it is spent, false and how long to wait.</summary>
    public bool TryTake(IPAddress? client, out TimeSpan retryAfter) => TryTake(client, 1, out retryAfter);

    /// <summary>
    /// Takes <paramref name="count"/> (at most <see cref="Burst"/>) from the client's budget, all or nothing; when it
    /// cannot pay, false and how long to wait until it can.
    /// </summary>
    public bool TryTake(IPAddress? client, int count, out TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Burst);
        using var lease = limiter.AttemptAcquire(PartitionOf(client), count);
        retryAfter = lease.IsAcquired ? TimeSpan.Zero
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : replenishment;
        return lease.IsAcquired;
    }

    /// <summary>
    /// An IPv4 address is one client; an IPv6 client holds a whole /64 (it can change the rest at will), so
    /// its /64 is. A client with no address (a test server) shares one budget with all such clients.
    /// </summary>
    public static string PartitionOf(IPAddress? client)
    {
        if (client is null)
        {
            return "unknown";
        }

        if (client.IsIPv4MappedToIPv6)
        {
            return client.MapToIPv4().ToString();
        }

        if (client.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return client.ToString();
        }

        var bytes = client.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    public void Dispose() => limiter.Dispose();
}
