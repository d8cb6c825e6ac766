using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using Microsoft.AspNetCore.SignalR;
using Whiteboard.App.Boards;
using Whiteboard.App.Hubs;
using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Hub;
using Whiteboard.Bench.Load;
using Whiteboard.Bench.Measure;
using Whiteboard.Shared.Protocol;

namespace Whiteboard.Bench.Scenarios;

/// <summary>
/// People on boards through the hub, some drawing at 30 batches a second each on a fixed schedule (open
/// loop: a batch leaves when due whether or not the last was answered, and its latency runs from then).
/// <paramref name="Drawing"/> lists the number drawing per board at each step. <paramref name="Stalled"/>
/// more people on the first board never read what they are sent. Against <paramref name="Url"/>, or an
/// app this scenario starts.
/// </summary>
public sealed record HubLoadSettings(int Boards, int People, IReadOnlyList<int> Drawing, TimeSpan StepLength, int Stalled, Uri? Url);

/// <summary>
/// One step's figures, over the batches sent within the step: deliveries are those batches received, summed
/// over every receiver; undelivered are those some receiver still had not received <see cref="HubLoadScenario.DrainTime"/> after the step.
/// Latency runs from the moment a batch was due to leave to its arrival. CPU is in percent of one core: the
/// server's (null when the scenario did not start it) beside the bench's own and what all cores left idle, so
/// a run shows which of them the machine's cores limited, or that something else took them.
/// </summary>
public sealed record HubLoadStep(
    int DrawingPerBoard, double DeliveriesPerSecond, TimeSpan P50, TimeSpan P95, TimeSpan P99, TimeSpan Max,
    long Deliveries, long Undelivered, long Errors, double? ServerCpuPercent, double BenchCpuPercent, double IdlePercent,
    double? ServerMemoryMegabytes);

public static class HubLoadScenario
{
    private const int PointsPerBatch = 2; // 60 points a second per person: a pen sampled at 60 Hz
    private const int PointsPerStroke = 300;
    private static readonly TimeSpan BatchInterval = TimeSpan.FromSeconds(1.0 / 30);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the first step's load runs, unmeasured, before the steps: the server compiles its hot paths
    /// while it runs (a first step measured cold had its p99 two to ten times the next steps').
    /// </summary>
    private static readonly TimeSpan ServerWarmUp = TimeSpan.FromSeconds(5);

    /// <summary>How long after a step its batches may still arrive and count.</summary>
    public static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(10);

    public static async Task<IReadOnlyList<HubLoadStep>> RunAsync(HubLoadSettings settings, Action<string> progress)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("whiteboard-bench-").FullName;
        AppProcess? server = null;
        try
        {
            if (settings.Url is null)
            {
                server = await AppProcess.StartAsync(dataDirectory, null,
                    "--Whiteboard:MaxParticipants", "100000", "--Whiteboard:MaxParticipantsPerBoard", "100000");
            }

            var address = settings.Url ?? server!.Address;
            await using var load = new Load(address, progress);
            await load.ConnectAsync(settings);
            progress($"  warming up: {settings.Drawing[0]} drawing per board for {ServerWarmUp.TotalSeconds:N0} s, not measured");
            await load.StepAsync(settings.Drawing[0], ServerWarmUp, server?.ProcessId);
            var steps = new List<HubLoadStep>();
            foreach (var drawing in settings.Drawing)
            {
                steps.Add(await load.StepAsync(drawing, settings.StepLength, server?.ProcessId));
                progress(Describe(steps[^1]));
            }

            return steps;
        }
        finally
        {
            server?.Dispose();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>The step that delivered most with p99 at or under <paramref name="limit"/>, if any did.</summary>
    public static HubLoadStep? Knee(IEnumerable<HubLoadStep> steps, TimeSpan limit) =>
        steps.Where(step => step.P99 <= limit && step.Errors == 0 && step.Undelivered == 0).MaxBy(step => step.DeliveriesPerSecond);

    public static string Describe(HubLoadStep step) =>
        $"  {step.DrawingPerBoard} drawing per board: {step.DeliveriesPerSecond:N0} deliveries/s, latency p50 {step.P50.TotalMilliseconds:N1} ms, " +
        $"p95 {step.P95.TotalMilliseconds:N1} ms, p99 {step.P99.TotalMilliseconds:N1} ms, max {step.Max.TotalMilliseconds:N1} ms, " +
        $"{step.Undelivered} undelivered, {step.Errors} errors, CPU: server {Percent(step.ServerCpuPercent)}, bench {Percent(step.BenchCpuPercent)}, " +
        $"idle {Percent(step.IdlePercent)}, " +
        $"server memory {(step.ServerMemoryMegabytes is { } megabytes ? $"{megabytes:N0} MB" : "not measured")}";

    /// <summary>A CPU share as printed: "not measured" for a server this scenario did not start.</summary>
    private static string Percent(double? cpu) => cpu is { } percent ? $"{percent:N0} %" : "not measured";

    /// <summary>The connected people and what they measure.</summary>
    private sealed class Load(Uri address, Action<string> progress) : IAsyncDisposable
    {
        private readonly List<List<BoardHubClient>> boards = [];
        private readonly List<BoardHubClient> stalled = [];
        private readonly ConcurrentDictionary<(string Id, int From), Sent> sent = new();
        private HistogramBase latencies = Latencies.NewHistogram();
        private long deliveries;
        private long owed;
        private volatile bool measuring;
        private int strokes;

        public async Task ConnectAsync(HubLoadSettings settings)
        {
            for (var board = 0; board < settings.Boards; board++)
            {
                var key = await NewBoard.CreateAsync(address);
                var people = new List<BoardHubClient>();
                // One after another, as a class arriving: each join is told to everyone already there.
                var joining = Stopwatch.StartNew();
                for (var person = 0; person < settings.People; person++)
                {
                    var client = await BoardHubClient.ConnectAsync(address, Receive);
                    people.Add(client);
                    await client.JoinAsync(key, $"Bench {board}.{person}");
                }

                for (var person = 0; board == 0 && person < settings.Stalled; person++)
                {
                    stalled.Add(await BoardHubClient.JoinStalledAsync(address, key, $"Stalled {person}"));
                }

                boards.Add(people);
                progress(string.Create(CultureInfo.InvariantCulture,
                    $"  board {board + 1} of {settings.Boards}: {people.Count} people joined in {joining.Elapsed.TotalSeconds:N1} s"));
            }
        }

        public async Task<HubLoadStep> StepAsync(int drawingPerBoard, TimeSpan length, int? serverProcess)
        {
            using var stop = new CancellationTokenSource();
            var drawers = boards
                .SelectMany(people => people.Take(drawingPerBoard).Select(person => DrawAsync(person, people.Count, stop.Token)))
                .ToList();
            await Task.Delay(WarmUp);

            latencies = Latencies.NewHistogram();
            Interlocked.Exchange(ref deliveries, 0);
            Interlocked.Exchange(ref owed, 0);
            ProcessUsage? serverBefore = serverProcess is { } id ? ProcessUsage.Of(id) : null;
            var benchBefore = ProcessUsage.Of(Environment.ProcessId);
            var idleBefore = CpuShares.MachineIdleTicks();
            var clock = Stopwatch.StartNew();
            measuring = true;
            await Task.Delay(length);
            measuring = false;
            var elapsed = clock.Elapsed;
            var benchAfter = ProcessUsage.Of(Environment.ProcessId);
            var idleAfter = CpuShares.MachineIdleTicks();
            ProcessUsage? serverAfter = serverProcess is { } again ? ProcessUsage.Of(again) : null;

            await stop.CancelAsync();
            var errors = (await Task.WhenAll(drawers)).Sum();
            var drain = Stopwatch.StartNew();
            while (Interlocked.Read(ref deliveries) < Interlocked.Read(ref owed) && drain.Elapsed < DrainTime)
            {
                await Task.Delay(10);
            }

            var delivered = Interlocked.Read(ref deliveries);
            sent.Clear();
            double CpuPercent(ProcessUsage before, ProcessUsage after) => 100 * (after.Cpu - before.Cpu) / elapsed;
            return new HubLoadStep(
                drawingPerBoard, delivered / elapsed.TotalSeconds, latencies.Percentile(50), latencies.Percentile(95), latencies.Percentile(99),
                latencies.Max, delivered, Interlocked.Read(ref owed) - delivered, errors,
                serverBefore is { } serverStart && serverAfter is { } serverEnd ? CpuPercent(serverStart, serverEnd) : null,
                CpuPercent(benchBefore, benchAfter),
                100 * (idleAfter - idleBefore) / ProcessUsage.TicksPerSecond / elapsed.TotalSeconds,
                serverAfter?.ResidentBytes / 1024.0 / 1024.0);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var client in boards.SelectMany(people => people).Concat(stalled))
            {
                await client.DisposeAsync();
            }
        }

        /// <summary>Counts each stroke extension sent within the step that is received, and how long after it was due to leave it arrived.</summary>
        private Task Receive(HubUpdate[] updates)
        {
            var now = TimeProvider.System.GetTimestamp();
            foreach (var change in updates.SelectMany(update => update.Events ?? []))
            {
                if (change is { Change: "extended", Id: { } id, From: { } from }
                    && sent.TryGetValue((id, from), out var batch)
                    && batch.Measured)
                {
                    Interlocked.Increment(ref deliveries);
                    latencies.Record(TimeProvider.System.GetElapsedTime(batch.Due, now));
                }
            }

            return Task.CompletedTask;
        }

        /// <summary>
        /// Draws strokes until stopped, a batch every 33 ms on a fixed schedule, each owed to the board's <paramref name="readers"/>
        /// when sent within the step; returns how many batches failed or were refused.
        /// </summary>
        private async Task<int> DrawAsync(BoardHubClient person, int readers, CancellationToken stop)
        {
            var submissions = new List<Task<SubmitResult>>();
            var (id, points) = ("", PointsPerStroke);
            await new FixedSchedule(BatchInterval, TimeProvider.System).RunAsync((_, due) =>
            {
                BoardMessage message;
                if (points >= PointsPerStroke)
                {
                    if (id.Length > 0)
                    {
                        submissions.Add(person.SubmitAsync([new BoardMessage("end", id)], CancellationToken.None));
                    }

                    (id, points) = ($"s{Interlocked.Increment(ref strokes)}", 1);
                    message = new BoardMessage("begin", id, Points: [0, 0, 0.5], Color: "#1971c2", Width: 3);
                }
                else
                {
                    var measured = measuring;
                    if (measured)
                    {
                        Interlocked.Add(ref owed, readers);
                    }

                    sent[(id, points)] = new Sent(due, measured);
                    message = new BoardMessage("extend", id, points, Batch(points));
                    points += PointsPerBatch;
                }

                submissions.Add(person.SubmitAsync([message], CancellationToken.None));
            }, stop);

            var errors = 0;
            foreach (var submission in submissions)
            {
                try
                {
                    var result = await submission.WaitAsync(TimeSpan.FromSeconds(30));
                    errors += result.IsAccepted ? 0 : 1;
                }
                catch (Exception exception) when (exception is HubException or TimeoutException or OperationCanceledException)
                {
                    errors++;
                }
            }

            return errors;
        }

        private static double?[] Batch(int from) =>
            [.. Enumerable.Range(from, PointsPerBatch).SelectMany(i => new double?[] { i % 500, i / 500 * 10.0, 0.5 })];

        /// <summary>A batch sent: the timestamp it was due to leave, and whether it was sent within the step.</summary>
        private readonly record struct Sent(long Due, bool Measured);
    }
}
