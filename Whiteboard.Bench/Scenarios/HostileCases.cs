using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Whiteboard.App.Hubs;
using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Hub;
using Whiteboard.Bench.Measure;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Bench.Scenarios;

/// <summary>
/// Issue 21's hostile cases, each as one client script would play it against the app at <paramref name="address"/>;
/// each returns the calls the server answered as asked, those it refused, and what else it showed.
/// <paramref name="serverProcess"/> is the app's process, whose memory a case may read part way through.
/// </summary>
internal sealed class HostileCases(Uri address, int serverProcess, HostileSettings settings)
{
    /// <summary>Drops made at once, and joins of the rename flood's people made at once.</summary>
    private const int Wave = 20;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    // As the hub writes them: what the watcher of the rename flood is sent, in bytes.
    private static readonly JsonSerializerOptions HubJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The board the filling case fills and the export case exports.</summary>
    private string? fullBoard;

    /// <summary>Makes a board and joins it once, so that the server's start-up work is done before the first case.</summary>
    public async Task WarmUpAsync()
    {
        var key = await NewBoard.CreateAsync(address);
        await using var person = await BoardHubClient.ConnectAsync(address, _ => Task.CompletedTask);
        await person.JoinAsync(key, "Warm-up");
    }

    /// <summary>
    /// (1) Connections that drop while their Join is in progress (as it is sent, a few scheduler turns later, or as its
    /// snapshot arrives), then a newcomer, who must still get in: the dropped ones' seats were given back.
    /// </summary>
    public async Task<(int Answered, int Refused, string Detail)> DropJoinsAsync()
    {
        var key = await NewBoard.CreateAsync(address);
        var outcomes = new List<JoinOutcome>();
        for (var wave = 0; wave < settings.Drops; wave += Wave)
        {
            outcomes.AddRange(await Task.WhenAll(
                Enumerable.Range(wave, Math.Min(Wave, settings.Drops - wave)).Select(drop => JoinAndDropAsync(key, drop))));
        }

        var snapshot = new TaskCompletionSource<HubUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var newcomer = await BoardHubClient.ConnectAsync(address, updates =>
        {
            if (updates.FirstOrDefault(update => update.Kind == "snapshot") is { } first)
            {
                snapshot.TrySetResult(first);
            }

            return Task.CompletedTask;
        });
        var (joined, refused, cut) = (outcomes.Count(o => o == JoinOutcome.Joined), outcomes.Count(o => o == JoinOutcome.Refused), outcomes.Count(o => o == JoinOutcome.Cut));
        try
        {
            await newcomer.JoinAsync(key, "Newcomer");
        }
        catch (HubException refusal)
        {
            return (joined, refused + 1, $"{joined:N0} joined before their drop, {cut:N0} cut mid-join; the newcomer was refused: {refusal.Message}");
        }

        var people = (await snapshot.Task.WaitAsync(Patience)).People?.Count ?? 0;
        return (joined + 1, refused, $"{joined:N0} joined before their drop, {cut:N0} cut mid-join; a newcomer joined and saw {people:N0} people");
    }

    /// <summary>
    /// (2) <see cref="HostileSettings.Renames"/> SetName calls in <see cref="HostileSettings.RenameWindow"/>, in turn from each of
    /// <see cref="HostileSettings.People"/> people on one board; one of them counts what the server sends it meanwhile.
    /// </summary>
    public async Task<(int Answered, int Refused, string Detail)> FloodRenamesAsync()
    {
        var key = await NewBoard.CreateAsync(address);
        long watched = 0;
        var people = new List<BoardHubClient>();
        try
        {
            var watcher = await BoardHubClient.ConnectAsync(address, updates =>
            {
                Interlocked.Add(ref watched, JsonSerializer.SerializeToUtf8Bytes(updates, HubJson).Length);
                return Task.CompletedTask;
            });
            people.Add(watcher);
            await watcher.JoinAsync(key, "Watcher");
            for (var wave = 1; wave < settings.People; wave += Wave)
            {
                people.AddRange(await Task.WhenAll(
                    Enumerable.Range(wave, Math.Min(Wave, settings.People - wave)).Select(person => JoinAsync(key, $"Person {person}"))));
            }

            Interlocked.Exchange(ref watched, 0);
            var clock = Stopwatch.StartNew();
            var calls = new List<Task<bool>>(settings.Renames);
            for (var call = 0; call < settings.Renames; call++)
            {
                var due = HostileSettings.RenameWindow * call / settings.Renames;
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                calls.Add(RenameAsync(people[call % people.Count], $"Renamed {call}"));
            }

            var sent = clock.Elapsed;
            var renamed = await Task.WhenAll(calls).WaitAsync(Patience);
            var answered = clock.Elapsed;
            // What the last renames caused is still on its way to the watcher.
            await Task.Delay(TimeSpan.FromSeconds(1));
            return (renamed.Count(ok => ok), renamed.Count(ok => !ok),
                $"sent in {sent.TotalSeconds:N1} s, all answered in {answered.TotalSeconds:N1} s; the watcher was sent {Interlocked.Read(ref watched) / 1024.0:N0} KB");
        }
        finally
        {
            await Task.WhenAll(people.Select(person => person.DisposeAsync().AsTask()));
        }
    }

    /// <summary>
    /// (3) One participant stores <see cref="HostileSettings.Points"/> points as fast as the server takes them, in
    /// strokes as long as allowed, sent whole, then tries one more; then <see cref="HostileSettings.Readers"/> readers
    /// join at once, each sent the whole board.
    /// </summary>
    public async Task<(int Answered, int Refused, string Detail)> FillAndReadAsync()
    {
        var key = fullBoard = await NewBoard.CreateAsync(address);
        var (stored, accepted, refused, stroke) = (0L, 0, 0, 0);
        string? refusal = null;
        var clock = Stopwatch.StartNew();
        await using (var filler = await JoinAsync(key, "Filler"))
        {
            while (true)
            {
                var probe = stored >= settings.Points;
                var points = probe ? BoardLimits.MaxPointsPerMessage : (int)Math.Min(BoardLimits.MaxPointsPerStroke, settings.Points - stored);
                stroke++;
                var result = await filler.SubmitAsync(Stroke($"fill{stroke}", points, stroke));
                if (result.IsAccepted)
                {
                    accepted++;
                    stored += points;
                    if (probe)
                    {
                        break;
                    }

                    continue;
                }

                refused++;
                refusal = result.Rejection;
                if (probe || refusal!.Contains("full", StringComparison.OrdinalIgnoreCase))
                {
                    break;
                }

                // Refused for its rate: the filler waits as a script would and goes on.
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }

        var filled = clock.Elapsed;
        var residentFilled = HostileMemory.Megabytes(HostileMemory.Resident(serverProcess));
        // What the full board holds on its own, before any reader is sent it.
        var liveFilled = settings.LiveHeap
            ? $" ({HostileMemory.Megabytes((await LiveHeap.AfterFullCollectionAsync(serverProcess, Patience)).LiveBytes):N0} MB live)"
            : "";
        var readers = await Task.WhenAll(Enumerable.Range(0, settings.Readers).Select(_ => SnapshotReader.ConnectAsync(address)));
        try
        {
            clock.Restart();
            await Task.WhenAll(readers.Select((reader, n) => reader.Client.JoinAsync(key, $"Reader {n}")));
            var elements = await Task.WhenAll(readers.Select(reader => reader.Snapshot.WaitAsync(Patience)));
            return (accepted + readers.Length, refused,
                $"{stored:N0} points stored in {filled.TotalSeconds:N1} s{(refusal is null ? "" : $", last refusal: {refusal}")}, the server then at {residentFilled:N0} MB{liveFilled}; " +
                $"{readers.Length} readers had its {elements.Min():N0} elements in {clock.Elapsed.TotalSeconds:N1} s");
        }
        finally
        {
            await Task.WhenAll(readers.Select(reader => reader.Client.DisposeAsync().AsTask()));
        }
    }

    /// <summary>(4) <see cref="HostileSettings.Exports"/> export.json requests of the filled board at once, each read to its end.</summary>
    public async Task<(int Answered, int Refused, string Detail)> ExportAtOnceAsync()
    {
        var key = fullBoard ?? throw new InvalidOperationException("The board is filled before it is exported.");
        using var http = new HttpClient { BaseAddress = address, Timeout = Patience };
        var clock = Stopwatch.StartNew();
        var exports = await Task.WhenAll(Enumerable.Range(0, settings.Exports).Select(async _ =>
        {
            using var response = await http.GetAsync(new Uri($"/b/{key}/export.json", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            var (bytes, buffer) = (0L, new byte[81_920]);
            for (int read; (read = await body.ReadAsync(buffer)) > 0;)
            {
                bytes += read;
            }

            return (response.StatusCode, Bytes: bytes, RetryAfter: response.Headers.RetryAfter?.Delta);
        }));
        var served = exports.Where(export => export.StatusCode == HttpStatusCode.OK).ToList();
        var busy = exports.Where(export => export.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        var other = exports.Length - served.Count - busy.Count;
        return (served.Count, busy.Count,
            $"200: {served.Count} ({(served.Count == 0 ? 0 : served.Max(export => export.Bytes)) / (1024.0 * 1024.0):N1} MB each), " +
            $"503: {busy.Count}{(busy.Count == 0 ? "" : $" (Retry-After {busy.Max(export => export.RetryAfter)?.TotalSeconds:N0} s)")}" +
            $"{(other == 0 ? "" : $", other: {other}")}; in {clock.Elapsed.TotalSeconds:N1} s");
    }

    /// <summary>(5) <see cref="HostileSettings.Creations"/> POST /boards from one address, 16 at a time, under the shipped budget.</summary>
    public async Task<(int Answered, int Refused, string Detail)> CreateBoardsAsync()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address, Timeout = Patience };
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Creations), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, cancellationToken) =>
        {
            using var response = await http.PostAsync(new Uri("/boards", UriKind.Relative), null, cancellationToken);
            statuses.AddOrUpdate(response.StatusCode, 1, (_, count) => count + 1);
        });
        // A board made answers with a redirect to it (or, for a client that follows it, the board's page).
        var made = statuses.Where(status => (int)status.Key is >= 200 and < 400).Sum(status => status.Value);
        var limited = statuses.GetValueOrDefault(HttpStatusCode.TooManyRequests);
        return (made, limited,
            $"{string.Join(", ", statuses.OrderBy(status => status.Key).Select(status => $"{(int)status.Key}: {status.Value:N0}"))} in {clock.Elapsed.TotalSeconds:N1} s");
    }

    private async Task<BoardHubClient> JoinAsync(string key, string name)
    {
        var person = await BoardHubClient.ConnectAsync(address, _ => Task.CompletedTask);
        try
        {
            await person.JoinAsync(key, name);
            return person;
        }
        catch
        {
            await person.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a Join and drops the connection at one of three points of it; how the join ended.</summary>
    private async Task<JoinOutcome> JoinAndDropAsync(string key, int drop)
    {
        var snapshot = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = await BoardHubClient.ConnectAsync(address, updates =>
        {
            if (updates.Any(update => update.Kind == "snapshot"))
            {
                snapshot.TrySetResult();
            }

            return Task.CompletedTask;
        });
        var join = client.JoinAsync(key, $"Dropped {drop}");
        switch (drop % 3)
        {
            case 1:
                for (var turn = 0; turn < drop % 7; turn++)
                {
                    await Task.Yield();
                }

                break;
            case 2:
                await Task.WhenAny(snapshot.Task, join);
                break;
        }

        await client.DisposeAsync();
        try
        {
            await join;
            return JoinOutcome.Joined;
        }
        catch (HubException)
        {
            return JoinOutcome.Refused;
        }
        catch (Exception cutOff) when (cutOff is OperationCanceledException or InvalidOperationException or IOException)
        {
            return JoinOutcome.Cut;
        }
    }

    private static async Task<bool> RenameAsync(BoardHubClient person, string name)
    {
        try
        {
            await person.SetNameAsync(name);
            return true;
        }
        catch (HubException)
        {
            return false;
        }
    }

    /// <summary>A stroke of <paramref name="points"/> points sent whole in one batch: begun, extended as far as a message carries, ended.</summary>
    private static BoardMessage[] Stroke(string id, int points, int row)
    {
        var messages = new List<BoardMessage>();
        for (var from = 0; from < points; from += BoardLimits.MaxPointsPerMessage)
        {
            var batch = Enumerable.Range(from, Math.Min(BoardLimits.MaxPointsPerMessage, points - from))
                .SelectMany(point => new double?[] { point % 1_000, row * 20 + point / 1_000, 0.5 })
                .ToArray();
            messages.Add(from == 0
                ? new BoardMessage("begin", id, Points: batch, Color: "#1971c2", Width: 2)
                : new BoardMessage("extend", id, from, batch));
        }

        messages.Add(new BoardMessage("end", id));
        return [.. messages];
    }

    private enum JoinOutcome
    {
        Joined,
        Refused,
        Cut,
    }

    /// <summary>A reader whose first snapshot's element count comes out of <see cref="Snapshot"/> once all its parts have come.</summary>
    private sealed record SnapshotReader(BoardHubClient Client, Task<int> Snapshot)
    {
        public static async Task<SnapshotReader> ConnectAsync(Uri address)
        {
            var snapshot = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var (expected, received) = (-1, 0);
            var client = await BoardHubClient.ConnectAsync(address, updates =>
            {
                foreach (var update in updates)
                {
                    if (update.Kind == "snapshot" && expected < 0)
                    {
                        expected = update.ElementCount ?? 0;
                    }
                    else if (update.Kind != "snapshot-part")
                    {
                        continue;
                    }

                    received += update.Elements?.Count ?? 0;
                    if (received >= expected)
                    {
                        snapshot.TrySetResult(received);
                    }
                }

                return Task.CompletedTask;
            });
            return new SnapshotReader(client, snapshot.Task);
        }
    }
}
