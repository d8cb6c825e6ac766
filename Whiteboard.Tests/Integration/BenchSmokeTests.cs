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

    [Theory]
    [InlineData(1, 4, 1)]
    [InlineData(2, 3, 0)]
    public async Task The_hub_load_scenarios_deliver_every_drawn_batch_to_every_reader_and_measure_it(int boards, int people, int stalled)
    {
        var progress = new List<string>();
        var steps = await HubLoadScenario.RunAsync(
            new HubLoadSettings(boards, people, Drawing: [1, 2], TimeSpan.FromSeconds(1), stalled, Url: null), progress.Add);

        Assert.Equal([1, 2], steps.Select(step => step.DrawingPerBoard));
        foreach (var step in steps)
        {
            // 30 batches a second from each person drawing, to each of the board's readers (a stalled one reads none).
            var expected = 30.0 * step.DrawingPerBoard * people * boards;
            Assert.InRange(step.DeliveriesPerSecond, expected * 0.5, expected * 1.5);
            Assert.Equal(0, step.Errors);
            Assert.True(step.P50 > TimeSpan.Zero && step.P50 <= step.P95 && step.P95 <= step.P99 && step.P99 <= step.Max);
            Assert.InRange(step.ServerCpuPercent, 0.1, 200);
            Assert.InRange(step.ServerMemoryMegabytes, 10, 4096);
        }

        Assert.Contains(progress, line => line.Contains("deliveries/s", StringComparison.Ordinal));
        Assert.Equal(steps.MaxBy(step => step.DeliveriesPerSecond), HubLoadScenario.Knee(steps, TimeSpan.FromSeconds(10)));
    }
}
