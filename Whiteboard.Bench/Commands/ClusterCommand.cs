using System.CommandLine;
using System.Globalization;
using Whiteboard.Bench.Measure;
using Whiteboard.Bench.Scenarios;

namespace Whiteboard.Bench.Commands;

/// <summary>
/// <c>cluster</c>: issue 22's figures, the app as a cluster of processes (PostgreSQL, Redis, HAProxy): the fan-out with
/// one instance and two, the latency the cluster adds, a crowd on one board, and failover.
/// </summary>
internal static class ClusterCommand
{
    private static readonly TimeSpan KneeLimit = TimeSpan.FromMilliseconds(100);

    public static Command Create()
    {
        var parts = Parts();
        var people = BenchOptions.Number("--people", 100, "Fan-out: people on the board");
        var drawing = BenchOptions.Numbers("--drawing", [10, 20, 40], "Fan-out: people drawing, step by step");
        var seconds = BenchOptions.Number("--seconds", 5, "How long each step of the fan-out and of the crowd is measured");
        var latencyPeople = BenchOptions.Number("--latency-people", 20, "Latency: people on the board, joining each instance in turn (one instance, then two)", minimum: 2);
        var latencySeconds = BenchOptions.Number("--latency-seconds", 10, "Latency: how long the first two of them (one on each instance, with two) draw");
        var crowd = BenchOptions.Number("--crowd", 1000, "Crowd: people joining one board", minimum: 2);
        var crowdDrawing = BenchOptions.Numbers("--crowd-drawing", [1, 3, 10], "Crowd: people drawing once all have joined, step by step");
        var joiningAtOnce = BenchOptions.Number("--crowd-joining-at-once", 100, "Crowd: people joining at the same time");
        var receivers = Receivers();
        var failoverRuns = BenchOptions.Number("--failover-runs", 3, "Failover: runs, each on three instances of its own");
        var failoverDrawing = BenchOptions.Number("--failover-drawing", 2, "Failover: people drawing on each of the two instances that survive");
        var command = new Command("cluster", "Issue 22: the app as a cluster (PostgreSQL, Redis, HAProxy): fan-out with one instance and two, latency by instance, a crowd on one board, failover")
        {
            parts, people, drawing, seconds, latencyPeople, latencySeconds, crowd, crowdDrawing, joiningAtOnce, receivers, failoverRuns, failoverDrawing,
        };
        command.SetAction(async (parsed, _) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var settings = new ClusterBenchSettings(
                parsed.GetValue(parts), parsed.GetValue(people), parsed.GetRequiredValue(drawing), TimeSpan.FromSeconds(parsed.GetValue(seconds)),
                parsed.GetValue(latencyPeople), TimeSpan.FromSeconds(parsed.GetValue(latencySeconds)),
                parsed.GetValue(crowd), parsed.GetRequiredValue(crowdDrawing), parsed.GetValue(joiningAtOnce), parsed.GetRequiredValue(receivers),
                parsed.GetValue(failoverRuns), parsed.GetValue(failoverDrawing));
            await output.WriteLineAsync($"cluster: {settings.Parts}, on {Report.Machine}");
            var result = await ClusterScenario.RunAsync(settings, output.WriteLine);
            await Report.WriteJsonAsync("cluster", Json(settings, result));
            await WriteTablesAsync(output, settings, result);
            return result.Fanout.All(step => step.Measure.Deliveries > 0) && result.Latency.All(run => run.Measure.Deliveries > 0) ? 0 : 1;
        });
        return command;
    }

    /// <summary>Which parts to run: names with commas between them, or "all".</summary>
    private static Option<ClusterParts> Parts() => new("--parts")
    {
        Description = "The parts to run: fanout, latency, crowd, failover, with commas between them, or all",
        DefaultValueFactory = _ => ClusterParts.All,
        HelpName = "PART,PART,...",
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            var chosen = ClusterParts.None;
            foreach (var name in text.Split(','))
            {
                if (!Enum.TryParse<ClusterParts>(name, ignoreCase: true, out var part) || part == ClusterParts.None || !Enum.IsDefined(part))
                {
                    result.AddError($"--parts takes fanout, latency, crowd, failover or all, with commas between them, not '{text}'.");
                    return ClusterParts.None;
                }

                chosen |= part;
            }

            return chosen;
        },
    };

    /// <summary>How the crowd listens, one run each in turn: "lean", "client" or both with a comma between them.</summary>
    private static Option<CrowdReceivers[]> Receivers() => new("--crowd-receivers")
    {
        Description = "Crowd: how those who do not draw listen, one crowd each in turn: lean (a bare WebSocket reading only what the measure needs) " +
            "or client (the SignalR .NET client), with commas between them",
        DefaultValueFactory = _ => [CrowdReceivers.Lean],
        HelpName = "lean,client",
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            var chosen = new List<CrowdReceivers>();
            foreach (var name in text.Split(','))
            {
                if (Enum.GetValues<CrowdReceivers>().Where(receivers => ClusterScenario.Name(receivers) == name).ToList() is [var receivers])
                {
                    chosen.Add(receivers);
                    continue;
                }

                result.AddError($"--crowd-receivers takes lean, client or both with a comma between them, not '{text}'.");
                return [];
            }

            return [.. chosen];
        },
    };

    private static async Task WriteTablesAsync(TextWriter output, ClusterBenchSettings settings, ClusterResult result)
    {
        string Cpu(IReadOnlyList<string> processes, HubLoadMeasure step, string name) =>
            processes.ToList().IndexOf(name) is >= 0 and var index ? step.ProcessCpuPercent[index].ToString("N0", CultureInfo.InvariantCulture) : "-";

        if (result.Fanout.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"Fan-out through HAProxy, one board x {settings.People} people (the SignalR .NET client), one instance against two:");
            await output.WriteLineAsync(
                "| instances | drawing | deliveries/s | p50 ms | p95 ms | p99 ms | max ms | undelivered | errors | app1 CPU % | app2 CPU % | haproxy CPU % | postgres CPU % | redis CPU % | bench CPU % | idle CPU % | app CPU µs per delivery |");
            await output.WriteLineAsync("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var step in result.Fanout)
            {
                var measure = step.Measure;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"| {step.Instances} | {measure.DrawingPerBoard} | {measure.DeliveriesPerSecond:N0} | {Report.LatencyCells(measure.Latencies)} | " +
                    $"{measure.Undelivered} | {measure.Errors} | {Cpu(step.Processes, measure, "app1")} | {Cpu(step.Processes, measure, "app2")} | " +
                    $"{Cpu(step.Processes, measure, "haproxy")} | {Cpu(step.Processes, measure, "postgres")} | {Cpu(step.Processes, measure, "redis")} | {measure.BenchCpuPercent:N0} | {measure.IdlePercent:N0} | {step.AppCpuMicrosecondsPerDelivery:N1} |"));
            }

            foreach (var instances in result.Fanout.Select(step => step.Instances).Distinct())
            {
                var knee = Knee(result.Fanout.Where(step => step.Instances == instances));
                await output.WriteLineAsync(knee is null
                    ? $"knee, {instances} instance(s): no step kept p99 at or under {KneeLimit.TotalMilliseconds:0} ms without errors or undelivered batches"
                    : string.Create(CultureInfo.InvariantCulture,
                        $"knee, {instances} instance(s): {knee.Measure.DeliveriesPerSecond:N0} deliveries/s with p99 {Report.Milliseconds(knee.Measure.Latencies.Percentile(99))} ms"));
            }
        }

        if (result.Latency.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync(
                $"Latency by instance: {settings.LatencyPeople} people joined through the instances' own addresses in turn (app1 holds the board's grain), " +
                "the first two drawing:");
            await output.WriteLineAsync("| instances | sender on | receiver on | deliveries | p50 ms | p95 ms | p99 ms | max ms |");
            await output.WriteLineAsync("|---|---|---|---|---|---|---|---|");
            foreach (var (instances, measure) in result.Latency)
            {
                foreach (var ((sender, receiver), latencies) in measure.LatenciesByRoute.OrderBy(route => route.Key))
                {
                    await output.WriteLineAsync(
                        $"| {instances} | {Instance(sender)} | {Instance(receiver)} | {latencies.TotalCount:N0} | {Report.LatencyCells(latencies)} |");
                }
            }
        }

        if (result.Crowd.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync(
                $"A crowd on one board: {settings.Crowd} people joining {settings.CrowdJoiningAtOnce} at a time through the instances' own addresses, " +
                $"then {string.Join(", ", settings.CrowdDrawing)} drawing, step by step (receivers: lean, a bare WebSocket reading only what the measure " +
                "needs, all but the drawers; client, all with the SignalR .NET client):");
            await output.WriteLineAsync(
                "| instances | receivers | joined | time to join s | drawing | deliveries/s | p50 ms | p95 ms | p99 ms | max ms | undelivered | errors | app1 CPU % | app2 CPU % | postgres CPU % | bench CPU % | idle CPU % | messages/s to each listener |");
            await output.WriteLineAsync("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var run in result.Crowd)
            {
                var joined = string.Create(CultureInfo.InvariantCulture, $"| {run.Instances} | {ClusterScenario.Name(run.Receivers)} | {run.Joined:N0} of {run.People:N0} | {run.JoinTime.TotalSeconds:N1} |");
                if (run.Steps.Count == 0)
                {
                    await output.WriteLineAsync($"{joined} not all joined ({run.FirstRefusal ?? "too slow"}): nobody drew | | | | | | | | | | | | | |");
                }

                foreach (var step in run.Steps)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{joined} {step.DrawingPerBoard} | {step.DeliveriesPerSecond:N0} | {Report.LatencyCells(step.Latencies)} | {step.Undelivered} | {step.Errors} | " +
                        $"{Cpu(run.Processes, step, "app1")} | {Cpu(run.Processes, step, "app2")} | {Cpu(run.Processes, step, "postgres")} | {step.BenchCpuPercent:N0} | {step.IdlePercent:N0} | " +
                        $"{(step.Listeners > 0 ? $"{step.MessagesPerListenerPerSecond:N0}" : "-")} |"));
                }
            }
        }

        if (result.Failover.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync(
                $"Failover: three instances with the app's membership settings (docs/cluster.md), {settings.FailoverDrawing} drawing on each of app2 and app3, " +
                "app1 (the grain's) killed with SIGKILL:");
            await output.WriteLineAsync(
                "| run | kill to the first acknowledged operation s | kill to every drawer's s | never again on | acknowledged | failed or refused | the first failure |");
            await output.WriteLineAsync("|---|---|---|---|---|---|---|");
            foreach (var (run, index) in result.Failover.Select((run, index) => (run, index)))
            {
                await output.WriteLineAsync(
                    $"| {index + 1} | {Seconds(run.FirstAcknowledged)} | {Seconds(run.EveryDrawerAcknowledged)} | {string.Join(", ", run.NeverAcknowledgedOn)} | " +
                    $"{run.Acknowledged:N0} | {run.Errors:N0} | {run.FirstError} |");
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(
            $"latency from when each batch was due to leave; CPU in % of one core, of {100 * Environment.ProcessorCount} % on {Environment.ProcessorCount} cores, " +
            "shared by the instances, HAProxy, PostgreSQL, Redis and the bench (the load generator)");
    }

    private static string Instance(int group) => group == 0 ? "app1 (the grain's)" : "app2";

    private static string Seconds(TimeSpan? time) =>
        time is { } seconds ? seconds.TotalSeconds.ToString("N2", CultureInfo.InvariantCulture) : "never";

    private static ClusterFanoutStep? Knee(IEnumerable<ClusterFanoutStep> steps) =>
        steps.Where(step => step.Measure.Latencies.Percentile(99) <= KneeLimit && step.Measure.Errors == 0 && step.Measure.Undelivered == 0)
            .MaxBy(step => step.Measure.DeliveriesPerSecond);

    private static object Json(ClusterBenchSettings settings, ClusterResult result)
    {
        object Step(IReadOnlyList<string> processes, HubLoadMeasure step) => new
        {
            step.DrawingPerBoard,
            step.DeliveriesPerSecond,
            latency = Report.LatencyJson(step.Latencies),
            step.Undelivered,
            step.Errors,
            cpuPercent = processes.Select((name, index) => (name, index)).ToDictionary(entry => entry.name, entry => step.ProcessCpuPercent[entry.index]),
            memoryMegabytes = processes.Select((name, index) => (name, index)).ToDictionary(entry => entry.name, entry => step.ProcessMemoryMegabytes[entry.index]),
            step.BenchCpuPercent,
            step.IdlePercent,
            step.Listeners,
            step.ListenerMessages,
            step.MessagesPerListenerPerSecond,
        };

        return new
        {
            scenario = "cluster",
            machine = Report.Machine,
            parts = settings.Parts.ToString(),
            fanout = result.Fanout.Select(step => new
            {
                step.Instances,
                settings.People,
                step = Step(step.Processes, step.Measure),
                step.AppCpuMicrosecondsPerDelivery,
            }),
            kneeDeliveriesPerSecond = result.Fanout.Select(step => step.Instances).Distinct()
                .ToDictionary(instances => $"{instances}", instances => Knee(result.Fanout.Where(step => step.Instances == instances))?.Measure.DeliveriesPerSecond),
            latency = result.Latency.SelectMany(run => run.Measure.LatenciesByRoute.OrderBy(route => route.Key).Select(route => new
            {
                run.Instances,
                sender = Instance(route.Key.Sender),
                receiver = Instance(route.Key.Receiver),
                latency = Report.LatencyJson(route.Value),
            })),
            crowd = result.Crowd.Select(run => new
            {
                run.Instances,
                receivers = ClusterScenario.Name(run.Receivers),
                run.People,
                run.Joined,
                joinSeconds = run.JoinTime.TotalSeconds,
                run.FirstRefusal,
                steps = run.Steps.Select(step => Step(run.Processes, step)),
            }),
            failover = result.Failover.Select(run => new
            {
                firstAcknowledgedSeconds = run.FirstAcknowledged?.TotalSeconds,
                everyDrawerAcknowledgedSeconds = run.EveryDrawerAcknowledged?.TotalSeconds,
                run.Acknowledged,
                run.Errors,
                run.FirstError,
                run.NeverAcknowledgedOn,
            }),
        };
    }
}
