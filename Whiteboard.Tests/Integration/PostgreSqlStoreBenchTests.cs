using Whiteboard.Bench.Scenarios;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>A short run of the store benchmark on PostgreSQL (<c>store --postgresql</c>): it runs and its figures are sane.</summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class PostgreSqlStoreBenchTests(PostgreSqlServer server)
{
    [Fact]
    public async Task The_store_scenario_on_postgresql_stores_every_acknowledged_operation_on_the_boards()
    {
        var result = await StoreScenario.RunAsync(
            new StoreSettings(Boards: 2, People: 3, TimeSpan.FromSeconds(1), await server.DatabaseAsync(nameof(PostgreSqlStoreBenchTests))));

        Assert.True(result.Operations > 0);
        Assert.InRange(result.OperationsPerTurn, 1, 3);
        Assert.Equal(result.Acknowledged, result.Stored);
    }
}
