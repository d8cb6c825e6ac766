using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Hub;
using Whiteboard.Bench.Load;
using Whiteboard.Shared.Protocol;

namespace Whiteboard.Bench.Scenarios;

/// <summary>
/// One failover: from the SIGKILL of the instance holding the board's grain to the first operation acknowledged again
/// that was submitted after the kill (to any drawer, and to every drawer); how many operations were acknowledged in
/// all, and how many failed or were refused, with why one of them did. A time is null when no such acknowledgement came
/// within the patience; <paramref name="NeverAcknowledgedOn"/> names the instances where some drawer had none.
/// </summary>
public sealed record ClusterFailoverRun(
    TimeSpan? FirstAcknowledged, TimeSpan? EveryDrawerAcknowledged, int Acknowledged, int Errors, string? FirstError,
    IReadOnlyList<string> NeverAcknowledgedOn);

/// <summary>
/// Three instances with the membership settings the app ships (Whiteboard.App/Cluster/ClusterHosting.cs); a program joins
/// through the first, so the board's grain is placed there; programs on the two others draw a short stroke each every
/// 33 ms, open loop; after 2 s the first instance is killed.
/// </summary>
public static class ClusterFailover
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1.0 / 30);
    private static readonly TimeSpan BeforeKill = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<ClusterFailoverRun> RunAsync(PostgreSqlProcess postgreSql, int run, int drawingPerInstance, Action<string> progress)
    {
        await using var cluster = await ClusterOfApps.StartAsync(await postgreSql.DatabaseAsync($"failover{run}"), 3);
        await cluster.WaitForActiveMembersAsync(3);
        var key = await NewBoard.CreateAsync(cluster.Instances[0].Address);
        var clients = new List<BoardHubClient>();
        try
        {
            var holder = await JoinAsync(clients, cluster.Instances[0], key, "Holder");
            var first = await holder.SubmitAsync([new BoardMessage("begin", "first", Points: [0, 0, 0.5], Color: "#1e1e1e", Width: 2), new BoardMessage("end", "first")]);
            if (!first.IsAccepted)
            {
                throw new InvalidOperationException($"The first stroke was refused: {first.Rejection}");
            }

            var drawers = new List<Drawer>();
            foreach (var (instance, index) in cluster.Instances.Select((instance, index) => (instance, index)).Skip(1))
            {
                for (var person = 0; person < drawingPerInstance; person++)
                {
                    drawers.Add(new Drawer(await JoinAsync(clients, instance, key, $"Drawer {drawers.Count}"), $"r{run}d{drawers.Count}", $"app{index + 1}"));
                }
            }

            using var stop = new CancellationTokenSource();
            var drawing = drawers.Select(drawer => drawer.DrawAsync(stop.Token)).ToList();
            await Task.Delay(BeforeKill);
            var killedAt = TimeProvider.System.GetTimestamp();
            cluster.Instances[0].Kill();
            // Only strokes submitted once the process is gone count: one sent while it was dying may still have been stored by it.
            foreach (var drawer in drawers)
            {
                drawer.Killed();
            }

            progress("  the grain's instance killed");
            var waiting = Stopwatch.StartNew();
            while (drawers.Any(drawer => drawer.FirstAcknowledgedAfterKill is null) && waiting.Elapsed < Patience)
            {
                await Task.Delay(10);
            }

            await stop.CancelAsync();
            await Task.WhenAll(drawing);
            var outcomes = await Task.WhenAll(drawers.Select(drawer => drawer.OutcomesAsync()));
            var recovered = drawers.Select(drawer => drawer.FirstAcknowledgedAfterKill).ToList();
            TimeSpan? Since(long? timestamp) => timestamp is { } at ? TimeProvider.System.GetElapsedTime(killedAt, at) : null;
            return new ClusterFailoverRun(
                Since(recovered.Min()), recovered.Any(at => at is null) ? null : Since(recovered.Max()),
                outcomes.Sum(outcome => outcome.Acknowledged), outcomes.Sum(outcome => outcome.Errors),
                outcomes.Select(outcome => outcome.FirstError).FirstOrDefault(error => error is not null),
                [.. drawers.Where(drawer => drawer.FirstAcknowledgedAfterKill is null).Select(drawer => drawer.Instance).Distinct()]);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static async Task<BoardHubClient> JoinAsync(List<BoardHubClient> clients, AppProcess instance, string key, string name)
    {
        var client = await BoardHubClient.ConnectAsync(instance.Address, _ => Task.CompletedTask);
        clients.Add(client);
        await client.JoinAsync(key, name);
        return client;
    }

    /// <summary>A program drawing a short stroke every 33 ms, which notes the first acknowledgement of one it submitted after the kill.</summary>
    private sealed class Drawer(BoardHubClient client, string name, string instance)
    {
        private readonly List<Task<bool>> submissions = [];
        private long firstAcknowledgedAfterKill;
        private int killed;
        private string? firstError;

        /// <summary>From now on, a stroke it submits counts as submitted after the kill.</summary>
        public void Killed() => Volatile.Write(ref killed, 1);

        /// <summary>The instance it draws through.</summary>
        public string Instance => instance;

        public long? FirstAcknowledgedAfterKill => Interlocked.Read(ref firstAcknowledgedAfterKill) is > 0 and var at ? at : null;

        public Task DrawAsync(CancellationToken stop) => new FixedSchedule(Interval, TimeProvider.System).RunAsync((tick, _) =>
        {
            var id = $"{name}s{tick}";
            submissions.Add(SubmitAsync(
                [new BoardMessage("begin", id, Points: [tick % 500, 10, 0.5, tick % 500 + 5, 15, 0.5], Color: "#1e1e1e", Width: 2), new BoardMessage("end", id)],
                afterKill: Volatile.Read(ref killed) == 1));
        }, stop);

        /// <summary>How many of the submissions were acknowledged, how many failed or were refused, and why the first of those did.</summary>
        public async Task<(int Acknowledged, int Errors, string? FirstError)> OutcomesAsync()
        {
            var accepted = await Task.WhenAll(submissions);
            return (accepted.Count(ok => ok), accepted.Count(ok => !ok), Volatile.Read(ref firstError));
        }

        private async Task<bool> SubmitAsync(BoardMessage[] stroke, bool afterKill)
        {
            try
            {
                var result = await client.SubmitAsync(stroke).WaitAsync(Patience);
                if (result.IsAccepted && afterKill)
                {
                    Interlocked.CompareExchange(ref firstAcknowledgedAfterKill, TimeProvider.System.GetTimestamp(), 0);
                }

                if (result.Rejection is { } rejection)
                {
                    Interlocked.CompareExchange(ref firstError, $"refused: {rejection}", null);
                }

                return result.IsAccepted;
            }
            catch (Exception exception) when (exception is HubException or TimeoutException or OperationCanceledException)
            {
                Interlocked.CompareExchange(ref firstError, $"{exception.GetType().Name}: {exception.Message}", null);
                return false;
            }
        }
    }
}
