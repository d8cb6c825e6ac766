using System.Diagnostics;
using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Hub;
using Whiteboard.Bench.Measure;
using Whiteboard.Shared.Protocol;

namespace Whiteboard.Bench.Scenarios;

/// <summary>
/// A classroom for <paramref name="Duration"/>: lesson after lesson of <paramref name="Lesson"/> each, on a new
/// board each time, <paramref name="Pupils"/> pupils on it; the server sampled every <paramref name="SampleEvery"/>.
/// </summary>
public sealed record SoakSettings(TimeSpan Duration, TimeSpan SampleEvery, int Pupils, TimeSpan Lesson);

/// <summary>
/// The server at one moment: its resident memory, what its heaps hold live after a full collection, and the file
/// descriptors (files, sockets, pipes) and threads it holds open.
/// </summary>
public sealed record SoakSample(TimeSpan At, long ResidentBytes, long LiveBytes, int Descriptors, int Threads);

/// <summary>
/// A soak's samples (the first taken before any load) and what the classroom did. The growth per hour is the slope
/// of the least-squares line through the samples taken under load.
/// </summary>
public sealed record SoakResult(
    IReadOnlyList<SoakSample> Samples, long Lessons, long Joins, long Leaves, long Drops, long Strokes, long Exports, long Errors,
    string? FirstError)
{
    private IReadOnlyList<SoakSample> UnderLoad => Samples.Count > 2 ? Samples.Skip(1).ToList() : Samples;

    public double ResidentBytesPerHour => Growth.PerHour([.. UnderLoad.Select(sample => (sample.At, (double)sample.ResidentBytes))]);

    public double LiveBytesPerHour => Growth.PerHour([.. UnderLoad.Select(sample => (sample.At, (double)sample.LiveBytes))]);

    public double DescriptorsPerHour => Growth.PerHour([.. UnderLoad.Select(sample => (sample.At, (double)sample.Descriptors))]);

    public double ThreadsPerHour => Growth.PerHour([.. UnderLoad.Select(sample => (sample.At, (double)sample.Threads))]);
}

/// <summary>
/// <c>soak</c>: whether the server's memory and handles stay flat under a classroom's ordinary comings and goings.
/// Lesson after lesson, a board is made and pupils join it through the hub, draw strokes at a pupil's pace, drop
/// (their connection closes and they join again as themselves), leave (and a newcomer takes their place), while
/// the board is exported as JSON and SVG every ten seconds; at the lesson's end everyone leaves, and the board is
/// unloaded half a minute later. The server is an app this scenario starts (it reads the server from /proc and
/// its diagnostics port, so it cannot run against a URL).
/// </summary>
public static class SoakScenario
{
    private static readonly TimeSpan DiagnosticsTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExportEvery = TimeSpan.FromSeconds(10);

    public static async Task<SoakResult> RunAsync(SoakSettings settings, Action<string> progress)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("whiteboard-bench-").FullName;
        try
        {
            using var server = await AppProcess.StartAsync(dataDirectory, null,
                "--Whiteboard:MaxParticipants", "100000", "--Whiteboard:MaxParticipantsPerBoard", "100000",
                "--Whiteboard:UnloadIdleBoardsAfterMinutes", "0.5");
            var samples = new List<SoakSample> { await SampleAsync(server.ProcessId, TimeSpan.Zero) };
            progress(Describe(samples[^1]));

            var classroom = new Classroom(server.Address, settings);
            using var ending = new CancellationTokenSource();
            var lessons = classroom.RunAsync(ending.Token);
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < settings.Duration)
            {
                var due = TimeSpan.FromTicks(Math.Min(settings.Duration.Ticks, samples.Count * settings.SampleEvery.Ticks));
                var wait = due - clock.Elapsed;
                await Task.WhenAny(lessons, Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero));
                if (lessons.IsCompleted)
                {
                    break;
                }

                samples.Add(await SampleAsync(server.ProcessId, clock.Elapsed));
                progress($"{Describe(samples[^1])}; {classroom.Describe()}");
            }

            await ending.CancelAsync();
            await lessons;
            return classroom.Result(samples);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<SoakSample> SampleAsync(int processId, TimeSpan at)
    {
        var heap = await LiveHeap.AfterFullCollectionAsync(processId, DiagnosticsTimeout);
        var handles = ProcessHandles.Of(processId);
        return new SoakSample(at, ProcessUsage.Of(processId).ResidentBytes, heap.LiveBytes, handles.Descriptors, handles.Threads);
    }

    private static string Describe(SoakSample sample) =>
        $"  {sample.At.TotalMinutes:N1} min: resident {sample.ResidentBytes / 1e6:N1} MB, live {sample.LiveBytes / 1e6:N1} MB, " +
        $"{sample.Descriptors} descriptors, {sample.Threads} threads";

    /// <summary>The lessons, one after another, and what happened in them.</summary>
    private sealed class Classroom(Uri address, SoakSettings settings)
    {
        private long lessons;
        private long joins;
        private long leaves;
        private long drops;
        private long strokes;
        private long exports;
        private long errors;
        private string? firstError;

        public async Task RunAsync(CancellationToken ending)
        {
            while (!ending.IsCancellationRequested)
            {
                try
                {
                    var key = await NewBoard.CreateAsync(address);
                    Interlocked.Increment(ref lessons);
                    using var lesson = CancellationTokenSource.CreateLinkedTokenSource(ending);
                    lesson.CancelAfter(settings.Lesson);
                    await Task.WhenAll([.. Enumerable.Range(0, settings.Pupils).Select(pupil => PupilAsync(key, pupil, lesson.Token)),
                        ExportAsync(key, lesson.Token)]);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Failed(exception);
                }
            }
        }

        public string Describe() =>
            $"{lessons} lessons, {joins} joins, {leaves} leaves, {drops} drops, {strokes} strokes, {exports} exports, {errors} errors";

        public SoakResult Result(IReadOnlyList<SoakSample> samples) =>
            new(samples, lessons, joins, leaves, drops, strokes, exports, errors, firstError);

        /// <summary>
        /// One pupil's lesson: a stroke now and then; after one, now and then a drop (the connection closes, and they
        /// join again as themselves) or a leave (a newcomer takes their place). Everyone leaves when the lesson ends.
        /// </summary>
        private async Task PupilAsync(string key, int pupil, CancellationToken lesson)
        {
            var random = new Random(HashCode.Combine(key, pupil));
            BoardHubClient? client = null;
            string? identity = null;
            try
            {
                while (!lesson.IsCancellationRequested)
                {
                    if (client is null)
                    {
                        client = await BoardHubClient.ConnectAsync(address, _ => Task.CompletedTask, lesson);
                        identity = (await client.JoinAsync(key, $"Pupil {pupil}", identity, lesson)).Token;
                        Interlocked.Increment(ref joins);
                    }

                    await DrawStrokeAsync(client, random, lesson);
                    await Task.Delay(TimeSpan.FromMilliseconds(random.Next(500, 3000)), lesson);
                    var roll = random.Next(100);
                    if (roll < 3)
                    {
                        await client.DisposeAsync();
                        client = null;
                        Interlocked.Increment(ref drops);
                    }
                    else if (roll < 5)
                    {
                        await client.DisposeAsync();
                        client = null;
                        identity = null;
                        Interlocked.Increment(ref leaves);
                    }
                }
            }
            catch (OperationCanceledException) when (lesson.IsCancellationRequested)
            {
                // The lesson is over.
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Failed(exception);
            }
            finally
            {
                if (client is not null)
                {
                    await client.DisposeAsync();
                    Interlocked.Increment(ref leaves);
                }
            }
        }

        private async Task DrawStrokeAsync(BoardHubClient client, Random random, CancellationToken lesson)
        {
            var id = $"p{random.Next():x}";
            var points = 0;
            double?[] Next(int count)
            {
                points += count;
                return [.. Enumerable.Range(0, count).SelectMany(_ => new double?[] { random.Next(1600), random.Next(900), 0.5 })];
            }

            await Submit(new BoardMessage("begin", id, Points: Next(2), Color: "#1971c2", Width: 3));
            for (var extension = 0; extension < 3; extension++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), lesson);
                await Submit(new BoardMessage("extend", id, points, Next(2)));
            }

            await Submit(new BoardMessage("end", id));
            Interlocked.Increment(ref strokes);

            async Task Submit(BoardMessage message)
            {
                var result = await client.SubmitAsync([message], lesson);
                if (!result.IsAccepted)
                {
                    throw new InvalidOperationException($"A pupil's stroke was refused: {result.Rejection}");
                }
            }
        }

        /// <summary>
        /// The board exported as JSON and SVG every ten seconds (at least three times a lesson), as a teacher keeping
        /// the lesson would.
        /// </summary>
        private async Task ExportAsync(string key, CancellationToken lesson)
        {
            var every = TimeSpan.FromTicks(Math.Min(ExportEvery.Ticks, settings.Lesson.Ticks / 4));
            using var http = new HttpClient { BaseAddress = address };
            try
            {
                while (true)
                {
                    await Task.Delay(every, lesson);
                    foreach (var format in (string[])["json", "svg"])
                    {
                        using var response = await http.GetAsync(new Uri($"/b/{key}/export.{format}", UriKind.Relative), lesson);
                        response.EnsureSuccessStatusCode();
                        await response.Content.ReadAsByteArrayAsync(lesson);
                        Interlocked.Increment(ref exports);
                    }
                }
            }
            catch (OperationCanceledException) when (lesson.IsCancellationRequested)
            {
                // The lesson is over.
            }
        }

        private void Failed(Exception exception)
        {
            Interlocked.Increment(ref errors);
            Interlocked.CompareExchange(ref firstError, exception.Message, null);
        }
    }
}
