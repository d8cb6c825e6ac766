using Whiteboard.Bench.Scenarios;

namespace Whiteboard.Tests.Integration;

/// <summary>A short run of each benchmark scenario: it runs and its figures are sane (no timing thresholds here).</summary>
public sealed class BenchSmokeTests
{
    [Fact]
    public async Task The_store_scenario_counts_what_it_stored_and_every_acknowledged_operation_is_on_the_boards()
    {
        var result = await StoreScenario.RunAsync(new StoreSettings(Boards: 2, People: 3, TimeSpan.FromSeconds(1)));

        Assert.True(result.Operations > 0);
        Assert.True(result.Turns > 0);
        Assert.InRange(result.OperationsPerTurn, 1, 3);
        Assert.Equal(result.Acknowledged, result.Stored);
        Assert.True(result.Acknowledged >= result.Operations);
    }
}
