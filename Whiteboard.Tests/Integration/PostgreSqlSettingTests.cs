using System.Net;
using Whiteboard.App;
using Whiteboard.App.Storage;
using Whiteboard.Bench.Hosting;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>Whiteboard:Cluster:PostgreSql chooses the store: instances given one database share its boards, and a setting that cannot be used stops the app at start.</summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class PostgreSqlSettingTests(PostgreSqlServer server)
{
    [Fact]
    public async Task Instances_given_one_database_open_each_others_boards_and_an_instance_without_it_does_not()
    {
        var database = await server.DatabaseAsync(nameof(PostgreSqlSettingTests));
        await using var first = await RunningApp.StartWithAsync($"--{PostgreSqlServices.Setting}", database);
        await using var second = await RunningApp.StartWithAsync($"--{PostgreSqlServices.Setting}", database);
        await using var alone = await RunningApp.StartAsync();
        using var onFirst = first.CreateClient();
        using var onSecond = second.CreateClient();
        using var onAlone = alone.CreateClient();

        var created = await onFirst.PostAsync(new Uri("/boards", UriKind.Relative), null);
        var board = created.Headers.Location!;

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync(board)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await onAlone.GetAsync(board)).StatusCode);
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_stops_the_app_at_start_with_one_line_naming_the_setting()
    {
        var unreachable = $"Host=127.0.0.1;Port={ChildProcess.FreeLoopbackPort()};Username=postgres";
        var dataDirectory = Directory.CreateTempSubdirectory("whiteboard-data-").FullName;
        try
        {
            await using var app = WhiteboardApp.Create(
            [
                "--urls", "http://127.0.0.1:0", "--contentRoot", AppProcess.AppContentRoot(), "--Logging:LogLevel:Default=None",
                "--Whiteboard:DataDirectory", dataDirectory, $"--{PostgreSqlServices.Setting}", unreachable,
            ]);

            var refused = await Assert.ThrowsAsync<PostgreSqlSettingException>(() => app.StartAsync());

            Assert.StartsWith($"The PostgreSQL server ({PostgreSqlServices.Setting}) cannot be reached: ", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', refused.Message);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public void A_setting_that_is_not_a_connection_string_stops_the_app_naming_the_setting()
    {
        var refused = Assert.Throws<PostgreSqlSettingException>(() => WhiteboardApp.Create(
            ["--contentRoot", AppProcess.AppContentRoot(), $"--{PostgreSqlServices.Setting}", "Hots=127.0.0.1"]));

        Assert.StartsWith($"{PostgreSqlServices.Setting} is not an Npgsql connection string: ", refused.Message, StringComparison.Ordinal);
    }
}
