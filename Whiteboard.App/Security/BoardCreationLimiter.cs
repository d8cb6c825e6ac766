using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace Whiteboard.App.Security;

/// <summary>
/// How many boards one client may make: a token bucket per client address, shared by the home page's form
/// (POST /boards) and the import (over the circuit), so one script cannot fill the store with boards.
/// ASP.NET Core's rate limiting middleware keeps its limiters to itself; this one is the same limiter
/// (System.Threading.RateLimiting), held once so that both ways of making a board draw on one budget.
/// </summary>
public sealed partial class BoardCreationLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;
    private readonly TimeSpan replenishment;
    private readonly ILogger<BoardCreationLimiter> logger;

    public BoardCreationLimiter(WhiteboardOptions options, ILogger<BoardCreationLimiter> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BoardCreationsPerMinute, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BoardCreationBurst, 1);
        this.logger = logger;
        // Evenly through the minute: a refused client is told to wait seconds, not a minute. The partitioned limiter
        // refills every bucket on its own timer, in proportion to the time gone, and forgets buckets left full.
        replenishment = TimeSpan.FromMinutes(1) / options.BoardCreationsPerMinute;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.BoardCreationBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = replenishment,
            QueueLimit = 0,
            AutoReplenishment = false,
        };
        limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => bucket));
    }

    /// <summary>Takes one board from the client's budget; when it is spent, false and how long to wait.</summary>
    public bool TryAcquire(IPAddress? client, out TimeSpan retryAfter)
    {
        var partition = PartitionOf(client);
        using var lease = limiter.AttemptAcquire(partition);
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : replenishment;
        LogRefused(logger, partition, Math.Ceiling(retryAfter.TotalSeconds));
        return false;
    }

    /// <summary>What a person is told when their budget is spent.</summary>
    public static string Refusal(int seconds) =>
        $"Too many new boards from your address: try again in {seconds} second{(seconds == 1 ? "" : "s")}.";

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

    [LoggerMessage(Level = LogLevel.Information, Message = "A new board was refused to {Client}: it made too many; it may try again in {Seconds} s")]
    private static partial void LogRefused(ILogger logger, string client, double seconds);
}
