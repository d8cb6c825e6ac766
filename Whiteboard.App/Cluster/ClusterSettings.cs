using System.Globalization;
using System.Net;
using StackExchange.Redis;
using Whiteboard.App.Storage;

namespace Whiteboard.App.Cluster;

/// <summary>
/// The <c>Whiteboard:Cluster</c> section. With <see cref="Redis"/> set, the instance joins a cluster whose membership
/// is kept in that Redis and whose boards are kept in <see cref="PostgreSql"/>; without it, the app is one process.
/// </summary>
public sealed record ClusterSettings
{
    public const string Section = "Whiteboard:Cluster";

    /// <summary>A StackExchange.Redis connection string: where the instances keep their membership. Set means "join a cluster".</summary>
    public string? Redis { get; init; }

    /// <summary>An Npgsql connection string: the store every instance shares (and their Data Protection keys).</summary>
    public string? PostgreSql { get; init; }

    /// <summary>The cluster's name (Orleans's cluster and service id): instances with the same one form one cluster.</summary>
    public string Id { get; init; } = "whiteboard";

    /// <summary>The port the other instances reach this one's silo at.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>The port Orleans clients reach this silo at (the app has none of its own; tools may).</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>The address the other instances reach this one at; unset, Orleans takes the machine's first non-loopback address.</summary>
    public IPAddress? AdvertisedAddress { get; init; }

    public bool IsCluster => Redis is not null;

    /// <summary>Reads the section; a value that is missing or wrong throws a <see cref="ClusterSettingException"/> naming it.</summary>
    public static ClusterSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var settings = new ClusterSettings
        {
            Redis = Given(section, nameof(Redis)),
            PostgreSql = Given(section, nameof(PostgreSql)),
            Id = Given(section, nameof(Id)) ?? "whiteboard",
            SiloPort = Port(section, nameof(SiloPort), 11111),
            GatewayPort = Port(section, nameof(GatewayPort), 30000),
            AdvertisedAddress = Address(section, nameof(AdvertisedAddress)),
        };
        if (settings.Redis is { } redis)
        {
            CheckRedis(redis);
            if (settings.PostgreSql is null)
            {
                throw new ClusterSettingException(
                    $"{PostgreSqlServices.Setting} is missing: a cluster ({Name(nameof(Redis))} is set) keeps its boards in a PostgreSQL database its instances share.");
            }

            if (settings.SiloPort == settings.GatewayPort)
            {
                throw new ClusterSettingException($"{Name(nameof(SiloPort))} and {Name(nameof(GatewayPort))} are both {settings.SiloPort}: they must differ.");
            }
        }

        // The id names the cluster's keys in Redis and its members to each other: plain characters only.
        if (!settings.Id.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_' or '.'))
        {
            throw new ClusterSettingException($"{Name(nameof(Id))} is \"{settings.Id}\": use only letters, digits, '-', '_' and '.'.");
        }

        return settings;
    }

    /// <summary>The full name of a setting of this section, as the operator writes it.</summary>
    public static string Name(string setting) => $"{Section}:{setting}";

    private static string? Given(IConfigurationSection section, string setting) =>
        section[setting] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static int Port(IConfigurationSection section, string setting, int byDefault)
    {
        if (Given(section, setting) is not { } text)
        {
            return byDefault;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= IPEndPoint.MaxPort
            ? port
            : throw new ClusterSettingException($"{Name(setting)} is \"{text}\": a port is a whole number from 1 to {IPEndPoint.MaxPort}.");
    }

    private static IPAddress? Address(IConfigurationSection section, string setting)
    {
        if (Given(section, setting) is not { } text)
        {
            return null;
        }

        // IPAddress also reads "10" and "10.1" as addresses (0.0.0.10, 10.0.0.1): only a whole address is taken.
        var whole = text.Contains(':', StringComparison.Ordinal) || text.Count(character => character == '.') == 3;
        return whole && IPAddress.TryParse(text, out var address)
            ? address
            : throw new ClusterSettingException($"{Name(setting)} is \"{text}\": an IP address (such as 10.0.0.5) is needed, not a host name.");
    }

    private static void CheckRedis(string redis)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(redis);
        }
        catch (ArgumentException wrong)
        {
            throw new ClusterSettingException($"{Name(nameof(Redis))} is not a StackExchange.Redis connection string: {OneLine(wrong.Message)}", wrong);
        }

        if (options.EndPoints.Count == 0)
        {
            throw new ClusterSettingException($"{Name(nameof(Redis))} names no Redis server (such as redis:6379).");
        }
    }

    /// <summary>The first line of a message: the operator is shown one line.</summary>
    internal static string OneLine(string message) => message.Split('\n', 2)[0].TrimEnd();
}
