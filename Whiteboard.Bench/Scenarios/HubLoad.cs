using System.Buffers.Text;
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
/// One step's figures, over the batches sent within the step. Deliveries are those batches received, summed over every
/// receiver; undelivered are those some receiver still had not received <see cref="HubLoad.DrainTime"/> after the step.
/// Latency runs from the moment a batch was due to leave to its arrival, over all receivers and by route (the
/// sender's group, the receiver's group: a group is the address a person joined through). CPU is in percent of one
/// core, of each process measured with every process it started (in the order given), the bench's own, and what all cores
/// left idle; memory is each measured process's own resident memory. <paramref name="ListenerMessages"/> are the
/// <c>Updates</c> messages the <paramref name="Listeners"/> (lean receivers, none without them) read within the step.
/// </summary>
public sealed record HubLoadMeasure(
    int DrawingPerBoard, TimeSpan Elapsed, long Deliveries, long Undelivered, long Errors, HistogramBase Latencies,
    IReadOnlyDictionary<(int Sender, int Receiver), HistogramBase> LatenciesByRoute,
    IReadOnlyList<double> ProcessCpuPercent, IReadOnlyList<double> ProcessMemoryMegabytes, double BenchCpuPercent, double IdlePercent,
    int Listeners, long ListenerMessages)
{
    public double DeliveriesPerSecond => Deliveries / Elapsed.TotalSeconds;

    /// <summary>Messages each listener read a second, on average: what the server sends each person, whatever they carry.</summary>
    public double MessagesPerListenerPerSecond => Listeners == 0 ? 0 : ListenerMessages / (double)Listeners / Elapsed.TotalSeconds;
}

/// <summary>
/// People on boards through the hub, some drawing at 30 batches a second each on a fixed schedule (open loop: a batch
/// leaves when due whether or not the last was answered, and its latency runs from then): the load of the hub
/// scenarios, on one app or on several instances of a cluster.
/// </summary>
public sealed class HubLoad(Action<string> progress) : IAsyncDisposable
{
    /// <summary>How long after a step its batches may still arrive and count.</summary>
    public static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(10);

    /// <summary>How long people may take to join a board before a scenario gives up on the rest.</summary>
    public static readonly TimeSpan JoinPatience = TimeSpan.FromMinutes(3);

    private const int PointsPerBatch = 2; // 60 points a second per person: a pen sampled at 60 Hz
    private const int PointsPerStroke = 300;
    private static readonly TimeSpan BatchInterval = TimeSpan.FromSeconds(1.0 / 30);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    private readonly List<Board> boards = [];
    private readonly List<BoardHubClient> stalled = [];
    private readonly ConcurrentDictionary<(int Stroke, int From), Sent> sent = new();
    private HistogramBase latencies = Latencies.NewHistogram();
    private ConcurrentDictionary<(int Sender, int Receiver), HistogramBase> latenciesByRoute = new();
    private long deliveries;
    private long owed;
    private volatile bool measuring;
    private int strokes;

    /// <summary>
    /// Makes a board through <paramref name="maker"/> and joins <paramref name="people"/> to it, person i through
    /// <paramref name="joinThrough"/>[i % count] (its group is that index), <paramref name="joiningAtOnce"/> at a time
    /// (1: one after another, as a class arriving; the first to join is always alone), then <paramref name="stalled"/>
    /// more who read nothing. The first <paramref name="clients"/> join with the SignalR .NET client (only they can draw),
    /// the rest with the <see cref="LeanHubReceiver"/>, which only listens. Returns how many joined, how long it took
    /// (giving up on the rest after <paramref name="patience"/>), and why the first join the app refused was refused: a
    /// crowd's refusals are a figure, not the end of the run.
    /// </summary>
    public async Task<(int Joined, TimeSpan Took, string? FirstRefusal)> AddBoardAsync(
        Uri maker, IReadOnlyList<Uri> joinThrough, int people, int clients, int stalled, int joiningAtOnce, TimeSpan patience)
    {
        var key = await NewBoard.CreateAsync(maker);
        var joined = new Person?[people];
        var listening = new LeanHubReceiver?[people];
        string? firstRefusal = null;
        var joining = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(patience);
        async Task JoinAsync(int person, CancellationToken cancellationToken)
        {
            var group = person % joinThrough.Count;
            var name = $"Bench {boards.Count}.{person}";
            if (person >= clients)
            {
                await ListenAsync(person, group, name, cancellationToken);
                return;
            }

            var client = await BoardHubClient.ConnectAsync(joinThrough[group], updates => Receive(group, updates), cancellationToken);
            try
            {
                await client.JoinAsync(key, name, cancellationToken: cancellationToken);
                joined[person] = new Person(client, group);
            }
            catch (HubException refused)
            {
                Interlocked.CompareExchange(ref firstRefusal, refused.Message, null);
                await client.DisposeAsync();
            }
            catch
            {
                await client.DisposeAsync();
                throw;
            }
        }

        async Task ListenAsync(int person, int group, string name, CancellationToken cancellationToken)
        {
            var receiver = await LeanHubReceiver.ConnectAsync(joinThrough[group], (id, from) => ReceiveExtension(group, id, from), cancellationToken);
            try
            {
                await receiver.JoinAsync(key, name, cancellationToken);
                listening[person] = receiver;
            }
            catch (HubException refused)
            {
                Interlocked.CompareExchange(ref firstRefusal, refused.Message, null);
                await receiver.DisposeAsync();
            }
            catch
            {
                await receiver.DisposeAsync();
                throw;
            }
        }

        try
        {
            await JoinAsync(0, deadline.Token);
            await Parallel.ForEachAsync(Enumerable.Range(1, people - 1),
                new ParallelOptions { MaxDegreeOfParallelism = joiningAtOnce, CancellationToken = deadline.Token },
                async (person, cancellationToken) => await JoinAsync(person, cancellationToken));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            progress($"  gave up waiting for the rest to join after {patience.TotalSeconds:N0} s");
        }

        var took = joining.Elapsed;
        var board = new Board(joined.OfType<Person>().ToList(), listening.OfType<LeanHubReceiver>().ToList());
        boards.Add(board);
        for (var person = 0; person < stalled; person++)
        {
            this.stalled.Add(await BoardHubClient.JoinStalledAsync(joinThrough[0], key, $"Stalled {person}"));
        }

        var refusal = firstRefusal is null ? "" : $"; the first refusal: {firstRefusal}";
        progress(string.Create(CultureInfo.InvariantCulture,
            $"  board {boards.Count}: {board.People} of {people} people joined in {took.TotalSeconds:N1} s ({joiningAtOnce} at a time){refusal}"));
        return (board.People, took, firstRefusal);
    }

    /// <summary>
    /// As <see cref="AddBoardAsync"/>, one after another, all with the SignalR .NET client, for a scenario whose figures need every
    /// one of them: fails if any did not join.
    /// </summary>
    public async Task AddBoardOfEveryoneAsync(Uri maker, IReadOnlyList<Uri> joinThrough, int people, int stalled)
    {
        var (joined, _, refusal) = await AddBoardAsync(maker, joinThrough, people, clients: people, stalled, joiningAtOnce: 1, JoinPatience);
        if (joined < people)
        {
            throw new InvalidOperationException($"Only {joined} of {people} people joined the board: {refusal ?? $"the rest took over {JoinPatience.TotalMinutes:N0} minutes"}.");
        }
    }

    /// <summary>
    /// The first <paramref name="drawingPerBoard"/> people of each board draw for <paramref name="length"/>, measured, after
    /// a second unmeasured; the CPU and memory of <paramref name="processes"/> are read meanwhile.
    /// </summary>
    public async Task<HubLoadMeasure> StepAsync(int drawingPerBoard, TimeSpan length, IReadOnlyList<int> processes)
    {
        // A board of fewer people than that has them all draw; one whose listeners would be needed cannot.
        if (boards.FirstOrDefault(board => board.Clients.Count < drawingPerBoard && board.Listeners.Count > 0) is { } few)
        {
            throw new ArgumentOutOfRangeException(
                nameof(drawingPerBoard), $"{drawingPerBoard} cannot draw on a board where {few.Clients.Count} joined with the SignalR .NET client.");
        }

        using var stop = new CancellationTokenSource();
        var drawers = boards
            .SelectMany(board => board.Clients.Take(drawingPerBoard).Select(person => DrawAsync(person, board.People, stop.Token)))
            .ToList();
        await Task.Delay(WarmUp);

        latencies = Latencies.NewHistogram();
        latenciesByRoute = new();
        Interlocked.Exchange(ref deliveries, 0);
        Interlocked.Exchange(ref owed, 0);
        var processesBefore = processes.Select(ProcessUsage.OfTree).ToList();
        var benchBefore = ProcessUsage.Of(Environment.ProcessId);
        var idleBefore = CpuShares.MachineIdleTicks();
        var listeners = boards.SelectMany(board => board.Listeners).ToList();
        var messagesBefore = listeners.Sum(listener => listener.Messages);
        var clock = Stopwatch.StartNew();
        measuring = true;
        await Task.Delay(length);
        measuring = false;
        var elapsed = clock.Elapsed;
        var messages = listeners.Sum(listener => listener.Messages) - messagesBefore;
        var benchAfter = ProcessUsage.Of(Environment.ProcessId);
        var idleAfter = CpuShares.MachineIdleTicks();
        var processesAfter = processes.Select(ProcessUsage.OfTree).ToList();

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
        return new HubLoadMeasure(
            drawingPerBoard, elapsed, delivered, Interlocked.Read(ref owed) - delivered, errors, latencies, latenciesByRoute,
            [.. processesBefore.Zip(processesAfter, CpuPercent)], [.. processesAfter.Select(usage => usage.ResidentBytes / 1024.0 / 1024.0)],
            CpuPercent(benchBefore, benchAfter), 100 * (idleAfter - idleBefore) / ProcessUsage.TicksPerSecond / elapsed.TotalSeconds,
            listeners.Count, messages);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in boards.SelectMany(board => board.Clients).Select(person => person.Client).Concat(stalled))
        {
            await client.DisposeAsync();
        }

        foreach (var receiver in boards.SelectMany(board => board.Listeners))
        {
            await receiver.DisposeAsync();
        }
    }

    /// <summary>
    /// Counts each stroke extension sent within the step that a person of <paramref name="group"/> receives, and how long
    /// after it was due to leave it arrived.
    /// </summary>
    private Task Receive(int group, HubUpdate[] updates)
    {
        var now = TimeProvider.System.GetTimestamp();
        foreach (var change in updates.SelectMany(update => update.Events ?? []))
        {
            if (change is { Change: "extended", Id: ['s', ..] id, From: { } from }
                && int.TryParse(id.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                Received(group, number, from, now);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>As <see cref="Receive"/>, for one stroke extension a <see cref="LeanHubReceiver"/> read: its id as sent (UTF-8).</summary>
    private void ReceiveExtension(int group, ReadOnlySpan<byte> id, int from)
    {
        if (id is [(byte)'s', .. var stroke] && Utf8Parser.TryParse(stroke, out int number, out var length) && length == stroke.Length)
        {
            Received(group, number, from, TimeProvider.System.GetTimestamp());
        }
    }

    private void Received(int group, int stroke, int from, long now)
    {
        if (sent.TryGetValue((stroke, from), out var batch) && batch.Measured)
        {
            Interlocked.Increment(ref deliveries);
            var latency = TimeProvider.System.GetElapsedTime(batch.Due, now);
            latencies.Record(latency);
            latenciesByRoute.GetOrAdd((batch.Group, group), _ => Latencies.NewHistogram()).Record(latency);
        }
    }

    /// <summary>
    /// Draws strokes until stopped, a batch every 33 ms on a fixed schedule, each owed to the board's <paramref name="readers"/>
    /// when sent within the step; returns how many batches failed or were refused.
    /// </summary>
    private async Task<int> DrawAsync(Person person, int readers, CancellationToken stop)
    {
        var submissions = new List<Task<SubmitResult>>();
        var (stroke, points) = (0, PointsPerStroke);
        await new FixedSchedule(BatchInterval, TimeProvider.System).RunAsync((_, due) =>
        {
            BoardMessage message;
            if (points >= PointsPerStroke)
            {
                if (stroke > 0)
                {
                    submissions.Add(person.Client.SubmitAsync([new BoardMessage("end", StrokeId(stroke))], CancellationToken.None));
                }

                (stroke, points) = (Interlocked.Increment(ref strokes), 1);
                message = new BoardMessage("begin", StrokeId(stroke), Points: [0, 0, 0.5], Color: "#1971c2", Width: 3);
            }
            else
            {
                var measured = measuring;
                if (measured)
                {
                    Interlocked.Add(ref owed, readers);
                }

                sent[(stroke, points)] = new Sent(due, measured, person.Group);
                message = new BoardMessage("extend", StrokeId(stroke), points, Batch(points));
                points += PointsPerBatch;
            }

            submissions.Add(person.Client.SubmitAsync([message], CancellationToken.None));
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

    /// <summary>Stroke n's id: "s" and its number, which a receiver reads back to find the batch without keeping the id.</summary>
    private static string StrokeId(int stroke) => $"s{stroke}";

    private static double?[] Batch(int from) =>
        [.. Enumerable.Range(from, PointsPerBatch).SelectMany(i => new double?[] { i % 500, i / 500 * 10.0, 0.5 })];

    /// <summary>A board's people: those with the SignalR .NET client, who can draw, and those who only listen.</summary>
    private sealed record Board(IReadOnlyList<Person> Clients, IReadOnlyList<LeanHubReceiver> Listeners)
    {
        public int People => Clients.Count + Listeners.Count;
    }

    /// <summary>A person on a board: their connection, and the group of the address they joined through.</summary>
    private sealed record Person(BoardHubClient Client, int Group);

    /// <summary>A batch sent: the timestamp it was due to leave, whether it was sent within the step, and its sender's group.</summary>
    private readonly record struct Sent(long Due, bool Measured, int Group);
}
