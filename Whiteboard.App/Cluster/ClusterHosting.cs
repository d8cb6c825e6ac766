using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Whiteboard.App.Cluster;

/// <summary>
/// Hosts the instance's Orleans silo, in which the boards' grains live: alone on loopback when no cluster is set,
/// or as a member of the cluster named by <see cref="ClusterSettings"/>.
/// </summary>
public static class ClusterHosting
{
    public static IServiceCollection AddWhiteboardCluster(this IServiceCollection services, ClusterSettings settings)
    {
        services.AddSingleton(settings);
        if (settings.IsCluster)
        {
            services.AddHostedService<RedisStartupCheck>();
        }

        services.AddOrleans(silo =>
        {
            if (settings.IsCluster)
            {
                Join(silo, settings);
            }
            else
            {
                RunAlone(silo);
            }
        });
        return services;
    }

    /// <summary>
    /// One silo of its own: its membership kept in itself, on a free loopback port, no gateway (the app calls its grains
    /// in process). A free port, not a fixed one, so that many apps can run at once on one machine (the tests do).
    /// </summary>
    private static void RunAlone(ISiloBuilder silo)
    {
        silo.UseLocalhostClustering(siloPort: FreeLoopbackPort(), gatewayPort: 0);
    }

    private static void Join(ISiloBuilder silo, ClusterSettings settings)
    {
        silo.UseRedisClustering(redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(settings.Redis!));
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = settings.Id;
            cluster.ServiceId = settings.Id;
        });
        silo.Configure<EndpointOptions>(endpoints =>
        {
            endpoints.SiloPort = settings.SiloPort;
            endpoints.GatewayPort = settings.GatewayPort;
            if (settings.AdvertisedAddress is { } address)
            {
                endpoints.AdvertisedIPAddress = address;
            }
        });
        // Shortened from Orleans's defaults so that the boards of an instance that died (kill -9, a lost machine) come back
        // on a survivor in about 1-2 s instead of 11-20 s (docs/cluster.md). The price: under heavy load (long GC pauses, a
        // starved CPU) a live instance that misses two probes in a row can be declared dead by one vote and must restart.
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            // A probe not answered within 1 s counts as missed (default 5 s).
            membership.ProbeTimeout = TimeSpan.FromSeconds(1);
            // Two missed probes in a row make an instance suspect (default 3).
            membership.NumMissedProbesLimit = 2;
            // One suspecting instance is enough to declare it dead (default 2), so a cluster of two can fail over.
            membership.NumVotesForDeathDeclaration = 1;
            // Every instance reads the membership table every 2 s (default 60 s), so it learns of a death soon.
            membership.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            // Every instance writes "I am alive" every 2 s (default 30 s), which a new one uses to choose whom to probe.
            membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
        });
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
