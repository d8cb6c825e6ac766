using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Hub;
using Whiteboard.Bench.Measure;

namespace Whiteboard.Bench.Scenarios;

/// <summary>
/// People on boards through the hub, some drawing at 30 batches a second each (open loop: a batch
/// leaves on time whether or not the last was answered). <paramref name="Drawing"/> lists the number
/// drawing per board at each step. <paramref name="Stalled"/> more people on the first board never
/// read what they are sent. Against <paramref name="Url"/>, or an app this scenario starts.
/// </summary>
public sealed record HubLoadSettings(int Boards, int People, IReadOnlyList<int> Drawing, TimeSpan StepLength, int Stalled, Uri? Url);

/// <summary>
/// One step's figures, over the batches sent within the step: deliveries are those batches received, summed
/// over every receiver; undelivered are those some receiver still had not received <see cref="HubLoadScenario.DrainTime"/> after the step.
/// </summary>
public sealed record HubLoadStep(
    int DrawingPerBoard, double DeliveriesPerSecond, TimeSpan P50, TimeSpan P95, TimeSpan P99, TimeSpan Max,
    long Deliveries, long Undelivered, long Errors, double ServerCpuPercent, double ServerMemoryMegabytes);

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
        $"{step.Undelivered} undelivered, {step.Errors} errors, server CPU {step.ServerCpuPercent:N0} %, memory {step.ServerMemoryMegabytes:N0} MB";

    /// <summary>The connected people and what they measure.</summary>
    private sealed class Load(Uri address, Action<string> progress) : IAsyncDisposable
    {
        private readonly List<List<JsonHubConnection>> boards = [];
        private readonly List<JsonHubConnection> stalled = [];
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentDictionary<(string Id, int From), Sent> sent = new();
        private LatencyHistogram latencies = new();
        private long deliveries;
        private long owed;
        private volatile bool measuring;
        private int strokes;

        public async Task ConnectAsync(HubLoadSettings settings)
        {
            for (var board = 0; board < settings.Boards; board++)
            {
                var key = await NewBoard.CreateAsync(address);
                var people = new List<JsonHubConnection>();
                for (var person = 0; person < settings.People; person++)
                {
                    people.Add(await JoinAsync(key, $"Bench {board}.{person}", Receive));
                }

                // A stalled person reads their join's answer, then nothing more: what the hub sends them piles up.
                for (var person = 0; board == 0 && person < settings.Stalled; person++)
                {
                    var joined = false;
                    stalled.Add(await JoinAsync(key, $"Stalled {person}", _ => joined ? release.Task : Task.CompletedTask));
                    joined = true;
                }

                boards.Add(people);
                progress($"  board {board + 1} of {settings.Boards}: {people.Count} people joined");
            }
        }

        public async Task<HubLoadStep> StepAsync(int drawingPerBoard, TimeSpan length, int? serverProcess)
        {
            using var stop = new CancellationTokenSource();
            var drawers = boards
                .SelectMany(people => people.Take(drawingPerBoard).Select(person => DrawAsync(person, people.Count, stop.Token)))
                .ToList();
            await Task.Delay(WarmUp);

            latencies = new LatencyHistogram();
            Interlocked.Exchange(ref deliveries, 0);
            Interlocked.Exchange(ref owed, 0);
            var before = serverProcess is { } id ? ProcessUsage.Of(id) : default;
            var clock = Stopwatch.StartNew();
            measuring = true;
            await Task.Delay(length);
            measuring = false;
            var elapsed = clock.Elapsed;
            var after = serverProcess is { } again ? ProcessUsage.Of(again) : default;

            await stop.CancelAsync();
            var errors = (await Task.WhenAll(drawers)).Sum();
            var drain = Stopwatch.StartNew();
            while (Interlocked.Read(ref deliveries) < Interlocked.Read(ref owed) && drain.Elapsed < DrainTime)
            {
                await Task.Delay(10);
            }

            var delivered = Interlocked.Read(ref deliveries);
            sent.Clear();
            return new HubLoadStep(
                drawingPerBoard, delivered / elapsed.TotalSeconds, latencies.Percentile(50), latencies.Percentile(95), latencies.Percentile(99),
                latencies.Max, delivered, Interlocked.Read(ref owed) - delivered, errors, 100 * (after.Cpu - before.Cpu) / elapsed, after.ResidentBytes / 1024.0 / 1024.0);
        }

        public async ValueTask DisposeAsync()
        {
            release.TrySetResult();
            foreach (var connection in boards.SelectMany(people => people).Concat(stalled))
            {
                await connection.DisposeAsync();
            }
        }

        private async Task<JsonHubConnection> JoinAsync(string key, string name, Func<JsonElement, Task> receive)
        {
            var connection = new JsonHubConnection(new Uri(address, "/hubs/board"));
            connection.On("Updates", receive);
            await connection.StartAsync();
            await connection.InvokeAsync<JsonElement>("Join", [key, name, null]);
            return connection;
        }

        /// <summary>Counts each stroke extension sent within the step that is received, and how long after it was sent it arrived.</summary>
        private Task Receive(JsonElement updates)
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var update in updates.EnumerateArray())
            {
                if (!update.GetProperty("kind").ValueEquals("events"u8))
                {
                    continue;
                }

                foreach (var change in update.GetProperty("events").EnumerateArray())
                {
                    if (change.GetProperty("change").ValueEquals("extended"u8)
                        && sent.TryGetValue((change.GetProperty("id").GetString()!, change.GetProperty("from").GetInt32()), out var batch)
                        && batch.Measured)
                    {
                        Interlocked.Increment(ref deliveries);
                        latencies.Record(Stopwatch.GetElapsedTime(batch.At, now));
                    }
                }
            }

            return Task.CompletedTask;
        }

        /// <summary>
        /// Draws strokes until stopped, a batch every 33 ms on time, each owed to the board's <paramref name="readers"/>
        /// when sent within the step; returns how many batches failed or were refused.
        /// </summary>
        private async Task<int> DrawAsync(JsonHubConnection person, int readers, CancellationToken stop)
        {
            var submissions = new List<Task<JsonElement>>();
            using var timer = new PeriodicTimer(BatchInterval);
            var (id, points) = ("", PointsPerStroke);
            try
            {
                while (await timer.WaitForNextTickAsync(stop))
                {
                    object message;
                    if (points >= PointsPerStroke)
                    {
                        if (id.Length > 0)
                        {
                            submissions.Add(person.InvokeAsync<JsonElement>("Submit", [new object[] { new { kind = "end", id } }], CancellationToken.None));
                        }

                        (id, points) = ($"s{Interlocked.Increment(ref strokes)}", 1);
                        message = new { kind = "begin", id, points = new[] { 0.0, 0, 0.5 }, color = "#1971c2", width = 3 };
                    }
                    else
                    {
                        var measured = measuring;
                        if (measured)
                        {
                            Interlocked.Add(ref owed, readers);
                        }

                        sent[(id, points)] = new Sent(Stopwatch.GetTimestamp(), measured);
                        message = new { kind = "extend", id, from = points, points = Batch(points) };
                        points += PointsPerBatch;
                    }

                    submissions.Add(person.InvokeAsync<JsonElement>("Submit", [new[] { message }], CancellationToken.None));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The step is over.
            }

            var errors = 0;
            foreach (var submission in submissions)
            {
                try
                {
                    var result = await submission.WaitAsync(TimeSpan.FromSeconds(30));
                    errors += result.TryGetProperty("rejection", out var rejection) && rejection.ValueKind == JsonValueKind.String ? 1 : 0;
                }
                catch (Exception exception) when (exception is HubError or TimeoutException or OperationCanceledException)
                {
                    errors++;
                }
            }

            return errors;
        }

        private static double[] Batch(int from) =>
            [.. Enumerable.Range(from, PointsPerBatch).SelectMany(i => new[] { i % 500, i / 500 * 10.0, 0.5 })];

        private readonly record struct Sent(long At, bool Measured);
    }
}
