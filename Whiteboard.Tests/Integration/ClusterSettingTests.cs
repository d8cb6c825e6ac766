using Whiteboard.App;
using Whiteboard.App.Cluster;
using Whiteboard.Bench.Hosting;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>A <c>Whiteboard:Cluster</c> setting that is missing or wrong stops the app at start with one line naming it.</summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class ClusterSettingTests(PostgreSqlServer server)
{
    private static readonly string[] Cluster =
    [
        "--Whiteboard:Cluster:Redis", "127.0.0.1:6379",
        "--Whiteboard:Cluster:PostgreSql", "Host=127.0.0.1;Username=postgres",
    ];

    [Theory]
    [InlineData("Redis", "127.0.0.1:6379,nonsense=1", "Whiteboard:Cluster:Redis is not a StackExchange.Redis connection string: ")]
    [InlineData("Redis", ",", "Whiteboard:Cluster:Redis names no Redis server")]
    [InlineData("SiloPort", "70000", "Whiteboard:Cluster:SiloPort is \"70000\": a port is a whole number from 1 to 65535.")]
    [InlineData("GatewayPort", "thirty", "Whiteboard:Cluster:GatewayPort is \"thirty\": a port is a whole number from 1 to 65535.")]
    [InlineData("GatewayPort", "11111", "Whiteboard:Cluster:SiloPort and Whiteboard:Cluster:GatewayPort are both 11111")]
    [InlineData("AdvertisedAddress", "app1.example", "Whiteboard:Cluster:AdvertisedAddress is \"app1.example\": an IP address")]
    [InlineData("AdvertisedAddress", "10.1", "Whiteboard:Cluster:AdvertisedAddress is \"10.1\": an IP address")]
    [InlineData("Id", "my cluster", "Whiteboard:Cluster:Id is \"my cluster\": use only letters, digits")]
    public void A_wrong_value_stops_the_app_with_one_line_naming_the_setting(string setting, string value, string expected)
    {
        var refused = Assert.Throws<ClusterSettingException>(() => WhiteboardApp.Create(
            ["--contentRoot", AppProcess.AppContentRoot(), .. Cluster, $"--Whiteboard:Cluster:{setting}", value]));

        Assert.StartsWith(expected, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public void Redis_without_a_database_stops_the_app_naming_the_missing_setting()
    {
        var refused = Assert.Throws<ClusterSettingException>(() => WhiteboardApp.Create(
            ["--contentRoot", AppProcess.AppContentRoot(), "--Whiteboard:Cluster:Redis", "127.0.0.1:6379"]));

        Assert.StartsWith("Whiteboard:Cluster:PostgreSql is missing: ", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redis_that_cannot_be_reached_stops_the_published_app_with_that_line_alone_and_exit_code_1()
    {
        var database = await server.DatabaseAsync(nameof(ClusterSettingTests));
        var dataDirectory = Directory.CreateTempSubdirectory("whiteboard-data-").FullName;
        try
        {
            var (exitCode, output) = await AppProcess.RunToEndAsync(dataDirectory,
                "--Whiteboard:Cluster:Redis", $"127.0.0.1:{ChildProcess.FreeLoopbackPort()}", "--Whiteboard:Cluster:PostgreSql", database);

            Assert.Equal(1, exitCode);
            var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("The Redis server (Whiteboard:Cluster:Redis) cannot be reached: ", line, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_stops_the_published_app_with_that_line_alone()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("whiteboard-data-").FullName;
        try
        {
            var (exitCode, output) = await AppProcess.RunToEndAsync(dataDirectory,
                "--Whiteboard:Cluster:PostgreSql", $"Host=127.0.0.1;Port={ChildProcess.FreeLoopbackPort()};Username=postgres");

            Assert.Equal(1, exitCode);
            var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("The PostgreSQL server (Whiteboard:Cluster:PostgreSql) cannot be reached: ", line, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
