using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Measure;

namespace Whiteboard.Bench.Scenarios;

/// <summary>The parts of the cluster scenario (issue 22's figures), any of them.</summary>
[Flags]
public enum ClusterParts
{
    None = 0,
    Fanout = 1,
    Latency = 2,
    Crowd = 4,
    Failover = 8,
    All = Fanout | Latency | Crowd | Failover,
}

/// <summary>
/// How a crowd's people listen: all but those who draw with the <see cref="Hub.LeanHubReceiver"/> (a bare WebSocket reading only what
/// the measure needs), or all with the SignalR .NET client, which makes objects of every message and so takes far more of the
/// machine's cores from the app.
/// </summary>
public enum CrowdReceivers
{
    Lean,
    Client,
}

/// <summary>
/// How large each part is. Fanout: <paramref name="People"/> on one board, <paramref name="Drawing"/> drawing step by
/// step, each step <paramref name="StepLength"/>. Latency: <paramref name="LatencyPeople"/>, two drawing (on two instances,
/// one on each), for <paramref name="LatencyLength"/>. Crowd: <paramref name="Crowd"/> people joining
/// <paramref name="CrowdJoiningAtOnce"/> at a time, then <paramref name="CrowdDrawing"/> drawing step by step, each step <paramref name="StepLength"/>,
/// once with each of <paramref name="CrowdReceivers"/> in turn.
/// Failover: <paramref name="FailoverRuns"/> runs, <paramref name="FailoverDrawing"/> drawing on each of two instances.
/// </summary>
public sealed record ClusterBenchSettings(
    ClusterParts Parts, int People, IReadOnlyList<int> Drawing, TimeSpan StepLength, int LatencyPeople, TimeSpan LatencyLength,
    int Crowd, IReadOnlyList<int> CrowdDrawing, int CrowdJoiningAtOnce, IReadOnlyList<CrowdReceivers> CrowdReceivers, int FailoverRuns,
    int FailoverDrawing);

/// <summary>
/// One step of the fan-out through HAProxy: the CPU of <see cref="Processes"/> (each instance, HAProxy, PostgreSQL, Redis) is in
/// <see cref="HubLoadMeasure.ProcessCpuPercent"/>, in the same order.
/// </summary>
public sealed record ClusterFanoutStep(int Instances, IReadOnlyList<string> Processes, HubLoadMeasure Measure)
{
    /// <summary>The app instances' CPU time per delivery, in microseconds: what each delivery costs the cluster's servers.</summary>
    public double AppCpuMicrosecondsPerDelivery =>
        Measure.Deliveries == 0 ? 0 : Measure.ProcessCpuPercent.Take(Instances).Sum() / 100 * Measure.Elapsed.TotalMicroseconds / Measure.Deliveries;
}

/// <summary>
/// A crowd on one board, listening with <paramref name="Receivers"/>: how many joined, how long it took and why the first
/// refused join was refused; the fan-out steps after, when all joined (none otherwise).
/// </summary>
public sealed record ClusterCrowd(
    int Instances, CrowdReceivers Receivers, int People, int Joined, TimeSpan JoinTime, string? FirstRefusal, IReadOnlyList<string> Processes, IReadOnlyList<HubLoadMeasure> Steps);

/// <summary>
/// Everything the parts measured (empty for a part not run). <see cref="Latency"/> is the one instance's and the two
/// instances' measure; its routes are (sender, receiver) groups: 0 the instance holding the board's grain, 1 the other.
/// </summary>
public sealed record ClusterResult(
    IReadOnlyList<ClusterFanoutStep> Fanout, IReadOnlyList<(int Instances, HubLoadMeasure Measure)> Latency, IReadOnlyList<ClusterCrowd> Crowd,
    IReadOnlyList<ClusterFailoverRun> Failover);

/// <summary>
/// Issue 22's figures: the app as a cluster of processes on this machine (PostgreSQL, Redis, HAProxy from Debian's
/// packages, the app published as it ships), with hub programs as the load. One instance and two are each started once,
/// for the fan-out, the latency and the crowd in turn; each failover run starts three of its own.
/// </summary>
public static class ClusterScenario
{
    /// <summary>Raised so that only the machine limits how many join (the shipped limits would refuse a crowd).</summary>
    private static readonly string[] Unlimited = ["--Whiteboard:MaxParticipants", "100000", "--Whiteboard:MaxParticipantsPerBoard", "100000"];

    public static async Task<ClusterResult> RunAsync(ClusterBenchSettings settings, Action<string> progress)
    {
        await using var postgreSql = new PostgreSqlProcess();
        await postgreSql.StartAsync();
        var fanout = new List<ClusterFanoutStep>();
        var crowd = new List<ClusterCrowd>();
        var latency = new List<(int, HubLoadMeasure)>();
        foreach (var instances in new[] { 1, 2 })
        {
            if ((settings.Parts & (ClusterParts.Fanout | ClusterParts.Latency | ClusterParts.Crowd)) == ClusterParts.None)
            {
                continue;
            }

            progress($"starting {instances} instance(s), Redis and HAProxy");
            await using var cluster = await ClusterOfApps.StartAsync(await postgreSql.DatabaseAsync($"instances{instances}"), instances, Unlimited);
            await cluster.WaitForActiveMembersAsync(instances);
            await cluster.StartLoadBalancerAsync();
            if (settings.Parts.HasFlag(ClusterParts.Fanout))
            {
                fanout.AddRange(await FanoutAsync(cluster, postgreSql, settings, progress));
            }

            if (settings.Parts.HasFlag(ClusterParts.Latency))
            {
                latency.Add((instances, await LatencyAsync(cluster, postgreSql, settings, progress)));
            }

            foreach (var receivers in settings.Parts.HasFlag(ClusterParts.Crowd) ? settings.CrowdReceivers : [])
            {
                crowd.Add(await CrowdAsync(cluster, postgreSql, settings, receivers, progress));
            }
        }

        var failover = new List<ClusterFailoverRun>();
        for (var run = 1; settings.Parts.HasFlag(ClusterParts.Failover) && run <= settings.FailoverRuns; run++)
        {
            progress($"failover run {run} of {settings.FailoverRuns}: starting 3 instances");
            failover.Add(await ClusterFailover.RunAsync(postgreSql, run, settings.FailoverDrawing, progress));
            progress(Describe(failover[^1]));
        }

        return new ClusterResult(fanout, latency, crowd, failover);
    }

    private static string Describe(ClusterFailoverRun run) =>
        $"  kill to the first acknowledged operation {Seconds(run.FirstAcknowledged)}, to every drawer's {Seconds(run.EveryDrawerAcknowledged)}" +
        (run.NeverAcknowledgedOn.Count > 0 ? $" (none again on {string.Join(", ", run.NeverAcknowledgedOn)})" : "") + ", " +
        $"{run.Acknowledged} acknowledged, {run.Errors} failed or refused{(run.FirstError is { } error ? $" (the first: {error})" : "")}";

    /// <summary>A time in seconds as printed, or "never" for none within the patience.</summary>
    private static string Seconds(TimeSpan? time) => time is { } seconds ? $"{seconds.TotalSeconds:N2} s" : "never";

    /// <summary>The names of the processes whose CPU a part reads: each instance, HAProxy, PostgreSQL (all its processes), Redis.</summary>
    private static List<string> ProcessNames(ClusterOfApps cluster) =>
        [.. cluster.Instances.Select((_, index) => $"app{index + 1}"), "haproxy", "postgres", "redis"];

    private static List<int> ProcessIds(ClusterOfApps cluster, PostgreSqlProcess postgreSql) =>
        [.. cluster.Instances.Select(instance => instance.ProcessId), cluster.LoadBalancer!.ProcessId, postgreSql.ProcessId, cluster.RedisProcessId];

    /// <summary>One board through HAProxy (its round robin splits the programs across the instances), step by step.</summary>
    private static async Task<List<ClusterFanoutStep>> FanoutAsync(ClusterOfApps cluster, PostgreSqlProcess postgreSql, ClusterBenchSettings settings, Action<string> progress)
    {
        progress($"fan-out through HAProxy, {cluster.Instances.Count} instance(s)");
        await using var load = new HubLoad(progress);
        var through = cluster.LoadBalancer!.Address;
        await load.AddBoardOfEveryoneAsync(through, [through], settings.People, stalled: 0);
        var processes = ProcessIds(cluster, postgreSql);
        progress($"  warming up: {settings.Drawing[0]} drawing for {HubLoadScenario.ServerWarmUp.TotalSeconds:N0} s, not measured");
        await load.StepAsync(settings.Drawing[0], HubLoadScenario.ServerWarmUp, processes);
        var steps = new List<ClusterFanoutStep>();
        foreach (var drawing in settings.Drawing)
        {
            steps.Add(new ClusterFanoutStep(cluster.Instances.Count, ProcessNames(cluster), await load.StepAsync(drawing, settings.StepLength, processes)));
            progress(Describe(steps[^1].Processes, steps[^1].Measure));
        }

        return steps;
    }

    /// <summary>
    /// People joining through each instance's own address in turn, the first through the first instance, whose room asks
    /// for the board first and so holds its grain; the first two draw (one on each instance, when there are two).
    /// </summary>
    private static async Task<HubLoadMeasure> LatencyAsync(ClusterOfApps cluster, PostgreSqlProcess postgreSql, ClusterBenchSettings settings, Action<string> progress)
    {
        progress($"latency by instance, {cluster.Instances.Count} instance(s): the first program joins through app1, which holds the board's grain");
        await using var load = new HubLoad(progress);
        var addresses = cluster.Instances.Select(instance => instance.Address).ToList();
        await load.AddBoardOfEveryoneAsync(addresses[0], addresses, settings.LatencyPeople, stalled: 0);
        var measure = await load.StepAsync(2, settings.LatencyLength, ProcessIds(cluster, postgreSql));
        progress(Describe(ProcessNames(cluster), measure));
        return measure;
    }

    /// <summary>
    /// A crowd joining one board through the instances' own addresses in turn, then some of them drawing; with lean
    /// <paramref name="receivers"/>, only as many as ever draw at once join with the SignalR .NET client.
    /// </summary>
    private static async Task<ClusterCrowd> CrowdAsync(
        ClusterOfApps cluster, PostgreSqlProcess postgreSql, ClusterBenchSettings settings, CrowdReceivers receivers, Action<string> progress)
    {
        progress($"{settings.Crowd} people on one board, {cluster.Instances.Count} instance(s), receivers: {Name(receivers)}");
        await using var load = new HubLoad(progress);
        var addresses = cluster.Instances.Select(instance => instance.Address).ToList();
        var clients = receivers == CrowdReceivers.Lean ? Math.Min(settings.CrowdDrawing.Max(), settings.Crowd) : settings.Crowd;
        var (joined, took, refusal) = await load.AddBoardAsync(
            addresses[0], addresses, settings.Crowd, clients, stalled: 0, settings.CrowdJoiningAtOnce, HubLoad.JoinPatience);
        var steps = new List<HubLoadMeasure>();
        if (joined == settings.Crowd)
        {
            // As the fan-out's: so that the crowd run first on fresh instances is not the one measured while they compile.
            progress($"  warming up: {settings.CrowdDrawing[0]} drawing for {HubLoadScenario.ServerWarmUp.TotalSeconds:N0} s, not measured");
            await load.StepAsync(settings.CrowdDrawing[0], HubLoadScenario.ServerWarmUp, ProcessIds(cluster, postgreSql));
        }

        foreach (var drawing in joined == settings.Crowd ? settings.CrowdDrawing : [])
        {
            steps.Add(await load.StepAsync(drawing, settings.StepLength, ProcessIds(cluster, postgreSql)));
            progress(Describe(ProcessNames(cluster), steps[^1]));
        }

        return new ClusterCrowd(cluster.Instances.Count, receivers, settings.Crowd, joined, took, refusal, ProcessNames(cluster), steps);
    }

    /// <summary>How a crowd's receivers are named in options and tables.</summary>
    public static string Name(CrowdReceivers receivers) => receivers == CrowdReceivers.Lean ? "lean" : "client";

    private static string Describe(IReadOnlyList<string> processes, HubLoadMeasure step) =>
        $"  {step.DrawingPerBoard} drawing: {step.DeliveriesPerSecond:N0} deliveries/s, latency p50 {Milliseconds(step.Latencies.Percentile(50))}, " +
        $"p99 {Milliseconds(step.Latencies.Percentile(99))}, max {Milliseconds(step.Latencies.Max)}, {step.Undelivered} undelivered, {step.Errors} errors, CPU: " +
        string.Join(", ", processes.Select((name, index) => $"{name} {step.ProcessCpuPercent[index]:N0} %")) +
        $", bench {step.BenchCpuPercent:N0} %, idle {step.IdlePercent:N0} %" +
        (step.Listeners > 0 ? $", {step.MessagesPerListenerPerSecond:N0} messages/s to each listener" : "");

    private static string Milliseconds(TimeSpan time) => $"{time.TotalMilliseconds:N1} ms";
}
