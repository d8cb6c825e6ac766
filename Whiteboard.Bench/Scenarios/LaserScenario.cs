using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;
using Whiteboard.App.Hubs;
using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Hub;
using Whiteboard.Bench.Load;
using Whiteboard.Bench.Measure;

namespace Whiteboard.Bench.Scenarios;

/// <summary>
/// <paramref name="People"/> on one board through the hub, one of them presenting with the laser pointer at
/// <paramref name="MovesPerSecond"/> moves a second for <paramref name="Length"/>, measured; against <paramref name="Url"/>,
/// or an app the scenario starts.
/// </summary>
public sealed record LaserSettings(int People, int MovesPerSecond, TimeSpan Length, Uri? Url);

/// <summary>
/// Over the moves sent within the measured time: how many a second were sent, how many reached the others (the server takes
/// a person's moves up to 40 a second, and hands on only each person's latest when several came between two of a room's
/// questions to the board's writer), how many deliveries a second that made (one per move per other person who got it), the latency from when each move was due to leave to each arrival, and the CPU (percent of one
/// core) of the server (null when the scenario did not start it), of the bench, and what all cores left idle.
/// </summary>
public sealed record LaserResult(
    double SentPerSecond, double ReachedPerSecond, double DeliveriesPerSecond, HistogramBase Latencies,
    double? ServerCpuPercent, double BenchCpuPercent, double IdlePercent);

/// <summary>
/// <c>laser</c>: the cost of a presenter's laser pointer on a board of many people. The presenter calls the hub's
/// <c>MoveLaser</c> on a fixed schedule (open loop), each move at a board point that numbers it; every other person's
/// program notes when each numbered laser position arrives. A page sends its pointer at most 30 times a second; the
/// server takes up to 40 a second from each person and drops the rest.
/// </summary>
public static class LaserScenario
{
    /// <summary>Moves sent before the measured time, not counted: the server compiles its hot paths meanwhile.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    /// <summary>How long after the measured time its moves may still arrive and count.</summary>
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(2);

    /// <summary>Moves numbered in rows of this many board units, so that every point stays well within the board.</summary>
    private const int RowLength = 1000;

    public static async Task<LaserResult> RunAsync(LaserSettings settings, Action<string> progress)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.People, 2);
        var dataDirectory = Directory.CreateTempSubdirectory("whiteboard-bench-").FullName;
        AppProcess? server = null;
        var clients = new List<BoardHubClient>();
        try
        {
            server = settings.Url is null ? await AppProcess.StartAsync(dataDirectory) : null;
            var address = settings.Url ?? server!.Address;
            var key = await NewBoard.CreateAsync(address);
            var moves = new Moves();
            for (var person = 0; person < settings.People; person++)
            {
                // The presenter (the first) does not count its own moves: the others' arrivals are the figure.
                Func<HubUpdate[], Task> receive = person == 0 ? _ => Task.CompletedTask : moves.Receive;
                var client = await BoardHubClient.ConnectAsync(address, receive);
                clients.Add(client);
                await client.JoinAsync(key, $"Bench {person}");
            }

            progress($"  {settings.People} people on the board; the presenter moves the laser for {WarmUp.TotalSeconds:N0} s unmeasured, then {settings.Length.TotalSeconds:N0} s measured");
            using var stop = new CancellationTokenSource();
            var schedule = new FixedSchedule(TimeSpan.FromSeconds(1.0 / settings.MovesPerSecond), TimeProvider.System);
            var presenting = Task.Run(() => schedule.RunAsync((move, due) => moves.Send(clients[0], move, due), stop.Token));
            await Task.Delay(WarmUp);

            var serverBefore = server is null ? (ProcessUsage?)null : ProcessUsage.Of(server.ProcessId);
            var benchBefore = ProcessUsage.Of(Environment.ProcessId);
            var idleBefore = CpuShares.MachineIdleTicks();
            var clock = Stopwatch.StartNew();
            moves.Measuring = true;
            await Task.Delay(settings.Length);
            moves.Measuring = false;
            var elapsed = clock.Elapsed;
            var serverCpu = server is null ? (double?)null : 100 * (ProcessUsage.Of(server.ProcessId).Cpu - serverBefore!.Value.Cpu) / elapsed;
            var benchCpu = 100 * (ProcessUsage.Of(Environment.ProcessId).Cpu - benchBefore.Cpu) / elapsed;
            var idle = 100 * (CpuShares.MachineIdleTicks() - idleBefore) / ProcessUsage.TicksPerSecond / elapsed.TotalSeconds;
            await stop.CancelAsync();
            await presenting;
            var failed = await moves.SentAllAsync();
            if (failed > 0)
            {
                progress($"  {failed} moves failed to leave");
            }

            await Task.Delay(DrainTime);
            var seconds = elapsed.TotalSeconds;
            return new LaserResult(
                moves.MeasuredSent / seconds, moves.MeasuredReached / seconds, moves.MeasuredDeliveries / seconds, moves.Latencies,
                serverCpu, benchCpu, idle);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }

            server?.Dispose();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>The presenter's moves and their arrivals: each move's number is its board point (x along a row, y the row).</summary>
    private sealed class Moves
    {
        private readonly ConcurrentDictionary<int, (long Due, bool Measured)> sent = new();
        private readonly ConcurrentDictionary<int, bool> reached = new();
        private readonly List<Task> sending = [];
        private long measuredSent;
        private long measuredDeliveries;

        public volatile bool Measuring;

        public HistogramBase Latencies { get; } = Measure.Latencies.NewHistogram();

        public long MeasuredSent => Interlocked.Read(ref measuredSent);

        public long MeasuredDeliveries => Interlocked.Read(ref measuredDeliveries);

        public int MeasuredReached => reached.Count;

        public void Send(BoardHubClient presenter, int move, long due)
        {
            var measured = Measuring;
            sent[move] = (due, measured);
            if (measured)
            {
                Interlocked.Increment(ref measuredSent);
            }

            sending.Add(presenter.MoveLaserAsync(move % RowLength, move / RowLength, 0, 0, 1));
        }

        /// <summary>Waits for every move to have left; how many failed.</summary>
        public async Task<int> SentAllAsync()
        {
            var failed = 0;
            foreach (var move in sending)
            {
                try
                {
                    await move;
                }
                catch (Exception exception) when (exception is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException)
                {
                    failed++;
                }
            }

            return failed;
        }

        public Task Receive(HubUpdate[] updates)
        {
            var now = TimeProvider.System.GetTimestamp();
            foreach (var seatPointer in updates.SelectMany(update => update.Pointers ?? []))
            {
                var pointer = seatPointer.Pointer;
                if (pointer.Laser && sent.TryGetValue((int)pointer.Y * RowLength + (int)pointer.X, out var move) && move.Measured)
                {
                    reached.TryAdd((int)pointer.Y * RowLength + (int)pointer.X, true);
                    Interlocked.Increment(ref measuredDeliveries);
                    Latencies.Record(TimeProvider.System.GetElapsedTime(move.Due, now));
                }
            }

            return Task.CompletedTask;
        }
    }
}
