using System.CommandLine;
using Whiteboard.Bench.Commands;
using Whiteboard.Bench.Measure;
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
            // At most 30 batches a second from each person drawing (fewer when the loaded machine is late to wake a
            // sender), to each of the board's readers (a stalled one reads none); every one of them arrives.
            Assert.InRange(step.DeliveriesPerSecond, 1, 30.0 * step.DrawingPerBoard * people * boards * 1.5);
            Assert.Equal(0, step.Undelivered);
            Assert.Equal(0, step.Errors);
            Assert.True(step.P50 > TimeSpan.Zero && step.P50 <= step.P95 && step.P95 <= step.P99 && step.P99 <= step.Max);
            // The kernel counts CPU time in 10 ms ticks: a warmed server may spend fewer in a one-second step this small.
            // The scenario started the server, so its share is known; the bench's own is beside it.
            Assert.InRange(step.ServerCpuPercent!.Value, 0, 100 * Environment.ProcessorCount);
            Assert.InRange(step.BenchCpuPercent, 0, 100 * Environment.ProcessorCount);
            Assert.InRange(step.IdlePercent, 0, 100 * Environment.ProcessorCount);
            Assert.InRange(step.ServerMemoryMegabytes!.Value, 10, 4096);
        }

        Assert.Contains(progress, line => line.Contains("deliveries/s", StringComparison.Ordinal) && line.Contains("bench ", StringComparison.Ordinal));
        Assert.Equal(steps.MaxBy(step => step.DeliveriesPerSecond), HubLoadScenario.Knee(steps, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_browsers_scenario_times_every_drawn_point_on_every_peer_canvas_and_the_drawers_wet_ink()
    {
        var progress = new List<string>();
        var delay = TimeSpan.FromMilliseconds(20);
        var result = await BrowsersScenario.RunAsync(pages: 3, warmUp: TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), delay, url: null, progress.Add);

        // 60 moves a second for 2 s, the warm-up's not counted; the browser may fold moves that arrive within
        // one frame into one event.
        Assert.InRange(result.Points, 60, 180);
        Assert.True(result.Missing == 0, $"{result.Missing} points were never drawn on a peer:\n{string.Join('\n', progress)}");
        Assert.InRange(result.WetInk.TotalCount, 10, result.Points);
        Assert.Equal(0, result.Peer.TotalCount % 2);
        Assert.InRange(result.Peer.TotalCount, 2 * result.WetInk.TotalCount, 2 * (result.Points + 1));
        foreach (var latencies in new[] { result.Peer, result.WetInk })
        {
            Assert.True(latencies.Percentile(50) > TimeSpan.Zero && latencies.Percentile(50) <= latencies.Percentile(99) && latencies.Percentile(99) <= latencies.Max);
        }

        // Through the delayed link a point goes to the server and back out: no peer draws it sooner than that.
        Assert.True(result.Peer.Percentile(1) >= 2 * delay, $"a peer's p1 was {result.Peer.Percentile(1).TotalMilliseconds} ms");

        // Three pages drawing and watching keep Chromium's processes busy; the bench started the server, so it is counted.
        var cpu = result.Cpu;
        Assert.InRange(cpu.BrowserProcesses, 5, 100);
        Assert.InRange(cpu.BrowserPercent, 1, 100 * cpu.Cores + 1);
        Assert.NotNull(cpu.ServerPercent);
        Assert.InRange(cpu.ServerPercent.Value, 0, 100 * cpu.Cores + 1);
        Assert.InRange(cpu.BenchPercent, 0, 100 * cpu.Cores + 1);
        Assert.InRange(cpu.IdlePercent, 0, 100 * cpu.Cores + 1);
    }

    [Fact]
    public async Task The_circuits_scenario_reads_the_servers_memory_before_and_after_opening_the_pages()
    {
        var result = await CircuitsScenario.RunAsync(pages: 3, _ => { });

        Assert.Equal(3, result.Pages);
        Assert.InRange(result.BaselineBytes, 10_000_000, 4_000_000_000);
        Assert.InRange(result.LoadedBytes, 10_000_000, 4_000_000_000);
        Assert.Equal((result.LoadedBytes - result.BaselineBytes) / 3.0, result.BytesPerPage);
        // The live heap is part of what is resident, and three open pages hold more of it than none.
        Assert.InRange(result.BaselineLiveBytes, 1_000_000, result.BaselineBytes);
        Assert.InRange(result.LoadedLiveBytes, result.BaselineLiveBytes + 1, result.LoadedBytes);
        Assert.Equal((result.LoadedLiveBytes - result.BaselineLiveBytes) / 3.0, result.LiveBytesPerPage);
    }

    [Fact]
    public async Task The_large_board_scenario_opens_the_written_board_and_times_its_frames_while_panning_and_zooming()
    {
        var progress = new List<string>();
        var result = await LargeBoardScenario.RunAsync(elements: 200, pointsPerElement: 50, opens: 2, progress.Add);

        Assert.Equal(10_000, result.Points);
        Assert.Contains(progress, line => line.Contains("200 strokes, 10,000 points written", StringComparison.Ordinal));
        Assert.True(result.EmptyReady > TimeSpan.Zero);
        Assert.True(result.FirstReady > TimeSpan.Zero);
        Assert.Single(result.LaterReady);
        // 145 wheel events at 60 a second: over two seconds of frames.
        foreach (var frames in new[] { result.Frames, result.EmptyFrames })
        {
            Assert.InRange(frames.Between.TotalCount, 60, 10_000);
            Assert.True(frames.Between.Percentile(50) > TimeSpan.Zero && frames.Between.Percentile(50) <= frames.Between.Max);
            // Every frame's work is timed: one more than the gaps between frames.
            Assert.Equal(frames.Between.TotalCount + 1, frames.Work.TotalCount);
            Assert.True(frames.Work.Percentile(50) > TimeSpan.Zero && frames.Work.Percentile(50) <= frames.Work.Max);
        }
    }

    [Fact]
    public async Task The_soak_scenario_samples_the_server_each_period_while_lessons_come_and_go()
    {
        var progress = new List<string>();
        var result = await SoakScenario.RunAsync(
            new SoakSettings(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5), Pupils: 4, Lesson: TimeSpan.FromSeconds(8)), progress.Add);

        Assert.True(result.Errors == 0, $"{result.Errors} errors, the first: {result.FirstError}");
        // Before the load, then every 5 s up to 20 s, each when due or a little after on a busy machine; each one printed
        // as it was taken.
        Assert.Equal(5, result.Samples.Count);
        Assert.All(result.Samples.Select((sample, i) => (sample.At.TotalSeconds, Due: i * 5.0)),
            taken => Assert.InRange(taken.TotalSeconds, taken.Due - 0.5, taken.Due + 2.5));
        Assert.Equal(result.Samples.Count, progress.Count(line => line.Contains(" descriptors, ", StringComparison.Ordinal)));
        foreach (var sample in result.Samples)
        {
            Assert.InRange(sample.ResidentBytes, 10_000_000, 4_000_000_000);
            Assert.InRange(sample.LiveBytes, 1_000_000, sample.ResidentBytes);
            Assert.InRange(sample.Descriptors, 10, 100_000);
            Assert.InRange(sample.Threads, 2, 10_000);
        }

        // Three lessons in 20 s (the third cut short); every pupil who joined left or dropped, and dropped ones joined again.
        Assert.InRange(result.Lessons, 3, 4);
        Assert.InRange(result.Joins, 3 * 4, 10_000);
        Assert.Equal(result.Joins, result.Leaves + result.Drops);
        Assert.True(result.Strokes > 0);
        Assert.True(result.Exports >= 2 * 2 * 3, $"{result.Exports} exports");
        Assert.All([result.ResidentBytesPerHour, result.LiveBytesPerHour, result.DescriptorsPerHour, result.ThreadsPerHour],
            growth => Assert.True(double.IsFinite(growth)));
    }

    [Fact]
    public async Task The_cluster_scenario_measures_the_fanout_on_one_instance_and_two_the_latency_by_instance_a_crowd_and_a_failover()
    {
        var progress = new List<string>();
        var result = await ClusterScenario.RunAsync(
            new ClusterBenchSettings(ClusterParts.All, People: 4, Drawing: [1, 2], TimeSpan.FromSeconds(1), LatencyPeople: 4, TimeSpan.FromSeconds(1),
                Crowd: 6, CrowdDrawing: [2], CrowdJoiningAtOnce: 3, CrowdReceivers: [CrowdReceivers.Lean, CrowdReceivers.Client],
                FailoverRuns: 1, FailoverDrawing: 1),
            progress.Add);

        Assert.Equal([(1, 1), (1, 2), (2, 1), (2, 2)], result.Fanout.Select(step => (step.Instances, step.Measure.DrawingPerBoard)));
        var steps = result.Fanout.Select(step => (step.Processes, step.Measure))
            .Concat(result.Crowd.SelectMany(crowd => crowd.Steps.Select(step => (crowd.Processes, step))))
            .ToList();
        foreach (var (processes, step) in steps)
        {
            Assert.Equal(0, step.Undelivered);
            Assert.Equal(0, step.Errors);
            Assert.True(step.Deliveries > 0);
            Assert.True(step.Latencies.Percentile(50) > TimeSpan.Zero && step.Latencies.Percentile(50) <= step.Latencies.Percentile(99));
            // Every instance, HAProxy, PostgreSQL and Redis are read, each within what the machine's cores can give.
            Assert.Equal(processes.Count, step.ProcessCpuPercent.Count);
            Assert.All(step.ProcessCpuPercent, cpu => Assert.InRange(cpu, 0, 100 * Environment.ProcessorCount));
            Assert.InRange(step.BenchCpuPercent, 0, 100 * Environment.ProcessorCount);
        }

        Assert.Equal(["app1", "app2", "haproxy", "postgres", "redis"], result.Fanout[^1].Processes);
        // The instances did the work: what a delivery cost them is known.
        Assert.All(result.Fanout, step => Assert.True(step.AppCpuMicrosecondsPerDelivery >= 0));

        // On one instance everything is on the grain's; on two, one drawing on each and read on each: every route between
        // the grain's instance and the other was timed.
        Assert.Equal([1, 2], result.Latency.Select(run => run.Instances));
        Assert.Equal([(0, 0)], result.Latency[0].Measure.LatenciesByRoute.Keys);
        Assert.Equal([(0, 0), (0, 1), (1, 0), (1, 1)], result.Latency[1].Measure.LatenciesByRoute.Keys.Order());
        Assert.All(result.Latency.SelectMany(run => run.Measure.LatenciesByRoute.Values), latencies => Assert.True(latencies.TotalCount > 0));

        // Each crowd once with lean receivers, once with the SignalR .NET client: both count every delivery (none undelivered, above).
        Assert.Equal([(1, CrowdReceivers.Lean), (1, CrowdReceivers.Client), (2, CrowdReceivers.Lean), (2, CrowdReceivers.Client)],
            result.Crowd.Select(crowd => (crowd.Instances, crowd.Receivers)));
        Assert.All(result.Crowd, crowd => Assert.Equal(6, crowd.Joined));
        Assert.All(result.Crowd, crowd => Assert.Equal([2], crowd.Steps.Select(step => step.DrawingPerBoard)));
        Assert.All(result.Crowd, crowd => Assert.True(crowd.JoinTime > TimeSpan.Zero));

        // The grain came back on a survivor and drawing went on there.
        var failover = Assert.Single(result.Failover);
        Assert.True(failover.EveryDrawerAcknowledged is not null, string.Join('\n', progress));
        Assert.NotNull(failover.FirstAcknowledged);
        Assert.InRange(failover.FirstAcknowledged.Value, TimeSpan.Zero, failover.EveryDrawerAcknowledged.Value);
        Assert.True(failover.Acknowledged > 0);
        Assert.Contains(progress, line => line.Contains("the grain's instance killed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_laser_scenario_counts_the_moves_that_reach_the_others_within_the_servers_limit_and_times_their_delivery()
    {
        var progress = new List<string>();
        // Faster than the server takes (40 a second): the rest are dropped.
        var result = await LaserScenario.RunAsync(new LaserSettings(People: 3, MovesPerSecond: 60, TimeSpan.FromSeconds(2), Url: null), progress.Add);

        Assert.InRange(result.SentPerSecond, 50, 70);
        Assert.InRange(result.ReachedPerSecond, 1, 45);
        // Each move that reached the others reached one or both of them.
        Assert.InRange(result.DeliveriesPerSecond, result.ReachedPerSecond, 2 * result.ReachedPerSecond);
        var latencies = result.Latencies;
        Assert.True(latencies.Percentile(50) > TimeSpan.Zero && latencies.Percentile(50) <= latencies.Percentile(99) && latencies.Percentile(99) <= latencies.Max);
        Assert.NotNull(result.ServerCpuPercent);
        Assert.InRange(result.ServerCpuPercent.Value, 0, 100 * Environment.ProcessorCount + 1);
    }

    [Fact]
    public async Task The_chat_scenario_times_every_message_from_send_to_shown_on_the_other_page()
    {
        var progress = new List<string>();
        var result = await ChatScenario.RunAsync(messages: 3, url: null, progress.Add);

        Assert.Equal(3, result.Sent);
        Assert.Equal(3, result.Shown);
        var latencies = result.Latencies;
        Assert.True(latencies.Percentile(50) > TimeSpan.Zero && latencies.Percentile(50) <= latencies.Max);
    }

    [Fact]
    public async Task The_history_scenario_reads_every_moment_it_asks_for_and_weighs_the_kept_history()
    {
        var result = await HistoryScenario.RunAsync(new HistorySettings(Operations: 300, CheckpointEvery: 100, Moments: 20));

        Assert.InRange(result.Sequence, 300, 340);
        Assert.Equal(20, result.Moments.TotalCount);
        Assert.Equal(2, result.Checkpoints); // the first and the latest: those between are within StoredCheckpoint.Spacing
        Assert.True(result.OperationBytes > 0 && result.CheckpointBytes > 0 && result.FileBytes > 0);
    }

    [Fact]
    public async Task The_history_browser_scenario_shows_every_moment_it_moves_the_slider_to_and_times_it()
    {
        var progress = new List<string>();
        var result = await HistoryBrowserScenario.RunAsync(strokes: 10, progress.Add);

        // 1,000 operations, under the first checkpoint: the start, the first operation, a quarter and three quarters
        // along, and the whole board, each drawn and shown as the history panel's moment.
        Assert.Equal(1_000, result.Operations);
        Assert.Equal([0, 1, 300, 700, 1_000], result.Asked);
        Assert.True(result.Shown.Select(moment => moment.Sequence).SequenceEqual(result.Asked), string.Join('\n', progress));
        Assert.Equal(result.Asked.Count, result.Latencies.TotalCount);
        Assert.All(result.Shown, moment => Assert.True(moment.Took > TimeSpan.Zero));
    }

    [Fact]
    public async Task Help_lists_every_scenario_and_a_scenarios_help_lists_its_options_with_their_defaults()
    {
        var (code, output, _) = await BenchAsync("--help");
        Assert.Equal(0, code);
        foreach (var scenario in new[] { "store", "fanout", "classroom", "browsers", "circuits", "large-board", "soak", "hostile", "cluster", "laser", "chat", "history", "history-browser" })
        {
            Assert.Contains($"  {scenario} ", output, StringComparison.Ordinal);
        }

        (code, output, _) = await BenchAsync("fanout", "--help");
        Assert.Equal(0, code);
        foreach (var option in new[] { "--people <N>", "[default: 100]", "--drawing <N,N,...>", "--seconds <N>", "[default: 5]", "--stalled <N>", "--url <URL>" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("--boards", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unrecognized", "fanout", "--peeple", "10")]
    [InlineData("unrecognized", "fanout", "--boards", "2")]
    [InlineData("unrecognized", "no-such-scenario")]
    [InlineData("--people takes a whole number of 1 or more, not '0'", "classroom", "--people", "0")]
    [InlineData("--seconds takes a whole number of 1 or more, not 'many'", "store", "--seconds", "many")]
    [InlineData("--minutes takes a whole number of 1 or more, not '0'", "soak", "--minutes", "0")]
    [InlineData("--delay takes a whole number of 0 or more, not '-5'", "browsers", "--delay", "-5")]
    [InlineData("with commas between them, not '1,x'", "fanout", "--drawing", "1,x")]
    [InlineData("absolute http or https address, not 'localhost'", "browsers", "--url", "localhost")]
    [InlineData("--parts takes fanout, latency, crowd, failover or all, with commas between them, not 'fanout,nothing'", "cluster", "--parts", "fanout,nothing")]
    [InlineData("--crowd takes a whole number of 2 or more, not '1'", "cluster", "--crowd", "1")]
    [InlineData("--crowd-receivers takes lean, client or both with a comma between them, not 'lean,raw'", "cluster", "--crowd-receivers", "lean,raw")]
    [InlineData("Required command was not provided")]
    public async Task A_bad_command_line_is_refused_with_a_message_and_runs_nothing(string message, params string[] arguments)
    {
        var (code, output, error) = await BenchAsync(arguments);

        Assert.NotEqual(0, code);
        Assert.Contains(message, error, StringComparison.OrdinalIgnoreCase);
        // Every scenario starts by naming the machine it runs on.
        Assert.DoesNotContain(" cores, ", output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> BenchAsync(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BenchCommand.Create().Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
