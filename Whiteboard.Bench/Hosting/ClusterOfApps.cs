using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Whiteboard.App.Cluster;

namespace Whiteboard.Bench.Hosting;

/// <summary>
/// A cluster as a deploy runs it, as processes: app instances (<see cref="AppProcess"/>) on one PostgreSQL database and
/// a private Redis, under a cluster id of their own, with HAProxy in front. Everything is stopped when disposed.
/// </summary>
public sealed class ClusterOfApps : IAsyncDisposable
{
    private readonly RedisServer redis;
    private readonly List<string> dataDirectories = [];
    private readonly string[] settings;

    /// <summary>Each instance's silo port, by its process id: the port the cluster's membership knows it by.</summary>
    private readonly ConcurrentDictionary<int, int> siloPorts = new();
    private IHost? client;

    private ClusterOfApps(RedisServer redis, string[] settings)
    {
        this.redis = redis;
        this.settings = settings;
    }

    /// <summary>The cluster's id: fresh for each cluster, so that no member of another one is ever taken for one of these.</summary>
    public string Id { get; } = $"test-{Guid.NewGuid():N}";

    public List<AppProcess> Instances { get; } = [];

    /// <summary>The cluster's private Redis server's process, whose CPU a benchmark reads.</summary>
    public int RedisProcessId => redis.ProcessId;

    /// <summary>In front of the first two instances (or the only one, or as many as asked), once <see cref="StartLoadBalancerAsync"/> has started it.</summary>
    public HaProxyServer? LoadBalancer { get; private set; }

    /// <summary>
    /// Starts <paramref name="instances"/> instances at once on the PostgreSQL database <paramref name="database"/>, each with
    /// more <paramref name="settings"/> as command-line arguments ("--Whiteboard:MaxParticipants", "2000").
    /// </summary>
    public static Task<ClusterOfApps> StartAsync(string database, int instances, params string[] settings) =>
        StartAsync(Enumerable.Repeat(database, instances).ToList(), settings);

    /// <summary>Starts one instance per connection string, at once: one database, reached as one user or several.</summary>
    public static async Task<ClusterOfApps> StartAsync(IReadOnlyList<string> databases, params string[] settings)
    {
        var cluster = new ClusterOfApps(await RedisServer.StartAsync(), settings);
        try
        {
            cluster.Instances.AddRange(await Task.WhenAll(databases.Select(cluster.StartInstanceAsync)));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The settings of a new instance: its own ports, on the cluster's Redis and the given database.</summary>
    private string[] InstanceSettings(string database, int siloPort) =>
    [
        $"--{ClusterSettings.Name(nameof(ClusterSettings.Redis))}", redis.ConnectionString,
        $"--{ClusterSettings.Name(nameof(ClusterSettings.PostgreSql))}", database,
        $"--{ClusterSettings.Name(nameof(ClusterSettings.Id))}", Id,
        $"--{ClusterSettings.Name(nameof(ClusterSettings.SiloPort))}", $"{siloPort}",
        $"--{ClusterSettings.Name(nameof(ClusterSettings.GatewayPort))}", $"{ChildProcess.FreeLoopbackPort()}",
        $"--{ClusterSettings.Name(nameof(ClusterSettings.AdvertisedAddress))}", "127.0.0.1",
    ];

    /// <summary>Starts HAProxy in front of the first <paramref name="instances"/> instances (the deploy file's two unless told).</summary>
    public async Task<HaProxyServer> StartLoadBalancerAsync(int instances = 2) =>
        LoadBalancer = await HaProxyServer.StartAsync(Instances.Take(instances).Select(instance => instance.Address).ToList());

    /// <summary>The silos the cluster's membership holds active now, as Orleans's management grain tells an outside client.</summary>
    public async Task<IReadOnlyList<SiloAddress>> ActiveMembersAsync()
    {
        client ??= await StartClientAsync();
        var hosts = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return [.. hosts.Keys];
    }

    /// <summary>
    /// The instances on which grains of a class (its name: "BoardGrain") are active now, as Orleans's management grain
    /// tells an outside client: where a board's writer lives.
    /// </summary>
    public async Task<IReadOnlyList<AppProcess>> HostsOfAsync(string grainClass)
    {
        client ??= await StartClientAsync();
        var statistics = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var ports = statistics
            .Where(statistic => statistic.GrainType.Split(',')[0].EndsWith($".{grainClass}", StringComparison.Ordinal))
            .Select(statistic => statistic.SiloAddress.Endpoint.Port)
            .ToHashSet();
        return [.. Instances.Where(instance => siloPorts.TryGetValue(instance.ProcessId, out var port) && ports.Contains(port))];
    }

    /// <summary>Waits until the membership holds <paramref name="count"/> active silos, or fails after 30 s saying what it holds.</summary>
    public async Task<IReadOnlyList<SiloAddress>> WaitForActiveMembersAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var members = await ActiveMembersAsync();
            if (members.Count == count)
            {
                return members;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The cluster has {members.Count} active members ({string.Join(", ", members)}), not {count}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private async Task<AppProcess> StartInstanceAsync(string database)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("whiteboard-cluster-").FullName;
        lock (dataDirectories)
        {
            dataDirectories.Add(dataDirectory);
        }

        var siloPort = ChildProcess.FreeLoopbackPort();
        var instance = await AppProcess.StartAsync(dataDirectory, null, [.. InstanceSettings(database, siloPort), .. settings]);
        siloPorts[instance.ProcessId] = siloPort;
        return instance;
    }

    private async Task<IHost> StartClientAsync()
    {
        var host = new HostBuilder()
            .UseOrleansClient(orleans => orleans
                .UseRedisClustering(redis.ConnectionString)
                .Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = Id;
                    options.ServiceId = Id;
                }))
            .Build();
        await host.StartAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (client is not null)
        {
            await client.StopAsync();
            client.Dispose();
        }

        LoadBalancer?.Dispose();
        foreach (var instance in Instances)
        {
            instance.Dispose();
        }

        redis.Dispose();
        foreach (var dataDirectory in dataDirectories)
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
