using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
using Whiteboard.Bench.Hub;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.Validation;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// Seeded random sessions that cannot be tuned to: on each board, five hub clients draw strokes, shapes and text,
/// move, erase, clear, undo, redo, bring to the front, send to the back, paste and rename themselves at random, while their connections drop at random (the
/// answer to what was in flight lost, or the call cut off) and what was not acknowledged is sent again, with the
/// same ids. At the end, the board each client rebuilt from what it was sent is the board's export, element for
/// element and in order; each element is there once; each client's events came in sequence with none missing;
/// and each stroke holds the points its author drew, once. A failing seed names itself, to be replayed alone with
/// the environment variable WHITEBOARD_CONVERGENCE_SEED.
/// </summary>
public sealed class ConvergenceTests : IAsyncLifetime
{
    private const int Seeds = 50;
    private const int ParticipantsPerBoard = 5;
    private const int OperationsPerParticipant = 200;
    private const int SeedsAtOnce = 10;
    /// <summary>Of the batches sent, the share (in percent) during which the connection drops.</summary>
    private const int DropPercent = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private RunningApp app = null!;

    public async Task InitializeAsync() => app = await RunningApp.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Every_client_rebuilds_the_exported_board_whatever_drops_and_resends_happen()
    {
        var seeds = Environment.GetEnvironmentVariable("WHITEBOARD_CONVERGENCE_SEED") is { } one
            ? [int.Parse(one, CultureInfo.InvariantCulture)]
            : Enumerable.Range(1, Seeds).ToArray();
        var failures = new List<string>();
        await Parallel.ForEachAsync(seeds, new ParallelOptions { MaxDegreeOfParallelism = SeedsAtOnce }, async (seed, _) =>
        {
            if (await RunSeedAsync(seed) is { } failure)
            {
                lock (failures)
                {
                    failures.Add(failure);
                }
            }
        });

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Order()));
    }

    /// <summary>One seed's session, start to end; what went wrong in it, if anything, naming the seed.</summary>
    private async Task<string?> RunSeedAsync(int seed)
    {
        var participants = new List<RandomParticipant>();
        try
        {
            var board = await app.Services.GetRequiredService<BoardRooms>().CreateBoardAsync(content: null, CancellationToken.None);
            for (var index = 0; index < ParticipantsPerBoard; index++)
            {
                participants.Add(await RandomParticipant.JoinAsync(app.Address, board.EditKey.Value, seed, index));
            }

            await Task.WhenAll(participants.Select(participant => participant.PlayAsync(OperationsPerParticipant)));
            foreach (var participant in participants)
            {
                await participant.FinishEverythingAsync();
            }

            return await ConvergedAsync(board.EditKey.Value, participants) is { } problem ? Failure(seed, problem) : null;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return Failure(seed, exception.ToString());
        }
        finally
        {
            foreach (var participant in participants)
            {
                await participant.DisposeAsync();
            }
        }
    }

    private static string Failure(int seed, string problem) =>
        $"seed {seed} (replay: WHITEBOARD_CONVERGENCE_SEED={seed} dotnet test --filter FullyQualifiedName~ConvergenceTests): {problem}";

    /// <summary>Waits until every client shows the exported board; null when they do, otherwise what differs.</summary>
    private async Task<string?> ConvergedAsync(string key, IReadOnlyList<RandomParticipant> participants)
    {
        using var http = app.CreateClient();
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            var exported = (await ExportedBoard.ReadAsync(http, key)).Select(element => ElementRecord.Of(element, withAuthor: false)).ToList();
            var problem = Compare(exported, participants);
            if (problem is null || deadline.IsCancellationRequested)
            {
                return problem;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                // One last look follows, which says what still differs.
            }
        }
    }

    private static string? Compare(IReadOnlyList<ElementRecord> exported, IReadOnlyList<RandomParticipant> participants)
    {
        var twice = exported.GroupBy(record => record.Id).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        if (twice.Count > 0)
        {
            return $"the export holds {string.Join(", ", twice)} more than once";
        }

        var expected = exported.Select(HubShownBoard.Canonical).ToList();
        foreach (var participant in participants)
        {
            if (participant.Problems.FirstOrDefault() is { } problem)
            {
                return $"client {participant.Index}: {problem}";
            }

            var shown = participant.Shown.Elements();
            if (!shown.SequenceEqual(expected))
            {
                var at = Enumerable.Range(0, Math.Min(shown.Count, expected.Count)).FirstOrDefault(i => shown[i] != expected[i], Math.Min(shown.Count, expected.Count));
                return $"client {participant.Index} shows {shown.Count} elements, the export holds {expected.Count}; the first difference, at {at}: "
                    + $"shown {(at < shown.Count ? shown[at] : "nothing")}, exported {(at < expected.Count ? expected[at] : "nothing")}";
            }

            if (participant.StrokesNotAsDrawn(exported) is { } notAsDrawn)
            {
                return $"client {participant.Index}: {notAsDrawn}";
            }
        }

        return null;
    }

    /// <summary>
    /// One hub client doing random things on the board, its random choices made by the seed. Each change is a
    /// batch it sends and awaits; at random, its connection drops with a batch in flight (cut off, or applied with
    /// the answer lost), and it joins again as the same participant and sends that batch again.
    /// </summary>
    private sealed class RandomParticipant : IAsyncDisposable
    {
        private static readonly string[] Colors = ["#1e1e1e", "#e03131", "#1971c2", "#2f9e44"];
        private static readonly string[] ShapeKinds = ["line", "arrow", "rect", "ellipse"];
        private readonly Uri app;
        private readonly string key;
        private readonly string prefix;
        private readonly Random random;
        /// <summary>The points of each stroke this client drew, as x, y, pressure, in order.</summary>
        private readonly Dictionary<string, List<float>> drawn = [];
        private readonly List<string> problems = [];
        private BoardHubClient client = null!;
        private string token = "";
        private int madeElements;
        private int madeOperations;

        private RandomParticipant(Uri app, string key, int seed, int index)
        {
            this.app = app;
            this.key = key;
            Index = index;
            prefix = $"s{seed}c{index}";
            random = new Random(seed * 101 + index);
            Shown = new HubShownBoard(problems);
        }

        public int Index { get; }

        /// <summary>What the current connection was shown.</summary>
        public HubShownBoard Shown { get; private set; }

        public IReadOnlyList<string> Problems
        {
            get
            {
                lock (problems)
                {
                    return [.. problems];
                }
            }
        }

        public static async Task<RandomParticipant> JoinAsync(Uri app, string key, int seed, int index)
        {
            var participant = new RandomParticipant(app, key, seed, index);
            await participant.ConnectAsync(token: null);
            return participant;
        }

        private async Task ConnectAsync(string? token)
        {
            Shown = new HubShownBoard(problems);
            client = await BoardHubClient.ConnectAsync(app, Shown.ReceiveAsync);
            this.token = (await client.JoinAsync(key, $"Client {Index}", token)).Token;
        }

        public async Task PlayAsync(int operations)
        {
            for (var done = 0; done < operations; done++)
            {
                var roll = random.Next(100);
                if (roll < 30)
                {
                    await DrawStrokeAsync();
                }
                else if (roll < 42)
                {
                    await DrawShapeAsync();
                }
                else if (roll < 50)
                {
                    await SendAsync(new BoardMessage("text", NewElement(), Points: [Coordinate(), Coordinate()], Color: Color(), Width: 16,
                        Text: $"note {random.Next(1000)}"));
                }
                else if (roll < 62)
                {
                    await SendAsync(new BoardMessage("move", Op: NewOperation(), Elements: PickShown(random.Next(1, 3)), Dx: random.Next(-50, 51), Dy: random.Next(-50, 51)));
                }
                else if (roll < 72)
                {
                    await SendAsync(new BoardMessage("erase", Op: NewOperation(), Elements: PickShown(1)));
                }
                else if (roll < 73)
                {
                    await SendAsync(new BoardMessage("clear", Op: NewOperation()));
                }
                else if (roll < 84)
                {
                    await SendAsync(new BoardMessage("undo", Op: NewOperation()));
                }
                else if (roll < 92)
                {
                    await SendAsync(new BoardMessage("redo", Op: NewOperation()));
                }
                else if (roll < 95)
                {
                    await SendAsync(new BoardMessage(random.Next(2) == 0 ? "front" : "back", Op: NewOperation(), Elements: PickShown(random.Next(1, 3))));
                }
                else if (roll < 97)
                {
                    // A paste: two texts at once, one undo step.
                    await SendAsync(new BoardMessage("add", Op: NewOperation(), Records: [PastedText(), PastedText()]));
                }
                else
                {
                    await RenameAsync();
                }
            }
        }

        /// <summary>
        /// Finishes each element this client began, as a page going away would have the server do; a batch refused
        /// for its rate goes again once the client's allowance has grown back.
        /// </summary>
        public async Task FinishEverythingAsync()
        {
            foreach (var ids in Enumerable.Range(0, madeElements).Select(n => $"{prefix}e{n}").Chunk(BoardLimits.MaxMessagesPerBatch))
            {
                using var deadline = new CancellationTokenSource(Patience);
                var result = await client.SubmitAsync([.. ids.Select(id => new BoardMessage("end", id))]);
                while (result.Rejection?.StartsWith("Too many changes", StringComparison.Ordinal) == true)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
                    result = await client.SubmitAsync([.. ids.Select(id => new BoardMessage("end", id))]);
                }

                Assert.True(result.IsAccepted, $"finishing what client {Index} began was refused: {result.Rejection}");
            }
        }

        /// <summary>
        /// Whether each exported stroke this client drew holds the points it drew, in order and once (a prefix of
        /// them when its connection dropped mid-stroke), wherever it was moved to; null when it does.
        /// </summary>
        public string? StrokesNotAsDrawn(IReadOnlyList<ElementRecord> exported)
        {
            foreach (var stroke in exported.Where(record => record.Type == "stroke" && drawn.ContainsKey(record.Id!)))
            {
                var (held, sent) = (stroke.Points!, drawn[stroke.Id!]);
                var asDrawn = held.Length <= sent.Count && Enumerable.Range(0, held.Length).All(i =>
                    i % 3 == 2 ? held[i] == sent[i] : Math.Abs(held[i] - held[i % 3] - (sent[i] - sent[i % 3])) < 0.01);
                if (!asDrawn)
                {
                    return $"stroke {stroke.Id} holds {held.Length / 3} points that are not the {sent.Count / 3} drawn: [{string.Join(", ", held)}]";
                }
            }

            return null;
        }

        private async Task DrawStrokeAsync()
        {
            var id = NewElement();
            var points = drawn[id] = [];
            var begin = Points(random.Next(1, 4), points);
            await SendAsync(new BoardMessage("begin", id, Points: begin, Color: Color(), Width: random.Next(1, 20)));
            for (var extensions = random.Next(4); extensions > 0; extensions--)
            {
                var from = points.Count / 3;
                await SendAsync(new BoardMessage("extend", id, from, Points(random.Next(1, 6), points)));
            }

            await SendAsync(new BoardMessage("end", id));
        }

        private async Task DrawShapeAsync()
        {
            var (id, kind, color, width) = (NewElement(), ShapeKinds[random.Next(ShapeKinds.Length)], Color(), random.Next(1, 20));
            var (x, y) = (Coordinate(), Coordinate());
            await SendAsync(new BoardMessage("shape", id, Points: [x, y, Coordinate(), Coordinate()], Color: color, Width: width, Shape: kind));
            await SendAsync(new BoardMessage("shape", id, Points: [x, y, Coordinate(), Coordinate()], Color: color, Width: width, Shape: kind, Done: true));
        }

        private async Task RenameAsync()
        {
            try
            {
                await client.SetNameAsync($"Client {Index} {random.Next(1000)}");
            }
            catch (HubException)
            {
                // Renames are rate limited: a refused one changes nothing on the board.
            }
        }

        /// <summary>
        /// Sends one batch and awaits its answer; a refusal is an answer too (an element others erased meanwhile).
        /// Now and then the connection drops instead, and the batch goes again on the next one.
        /// </summary>
        private async Task SendAsync(params BoardMessage[] batch)
        {
            var roll = random.Next(100);
            if (roll >= DropPercent)
            {
                await client.SubmitAsync(batch);
                return;
            }

            if (roll < DropPercent / 2)
            {
                // Applied, and the answer lost with the connection.
                await client.SubmitAsync(batch);
                await client.DisposeAsync();
            }
            else
            {
                // Cut off while in flight: it may or may not have arrived.
                var sending = client.SubmitAsync(batch);
                await client.DisposeAsync();
                try
                {
                    await sending;
                }
                catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException or IOException)
                {
                    // Not answered: it goes again below.
                }
            }

            await ConnectAsync(token);
            await client.SubmitAsync(batch);
        }

        private string NewElement() => $"{prefix}e{madeElements++}";

        private string NewOperation() => $"{prefix}o{madeOperations++}";

        private string Color() => Colors[random.Next(Colors.Length)];

        private ElementRecord PastedText() =>
            new("text", NewElement(), [(float)Coordinate(), (float)Coordinate()], Color(), 16, Text: $"pasted {random.Next(1000)}");

        // Whole and half numbers: a float holds them exactly, so what is drawn and what comes back compare as equal.
        private double Coordinate() => random.Next(0, 2000) / 2.0;

        private double?[] Points(int count, List<float> into)
        {
            var points = new double?[3 * count];
            for (var i = 0; i < count; i++)
            {
                (points[3 * i], points[3 * i + 1], points[3 * i + 2]) = (Coordinate(), Coordinate(), 0.5);
                into.AddRange([(float)points[3 * i]!.Value, (float)points[3 * i + 1]!.Value, 0.5f]);
            }

            return points;
        }

        /// <summary>Ids of elements this client is shown, picked at random; an unknown one when it is shown nothing.</summary>
        private string?[] PickShown(int count)
        {
            var ids = Shown.Ids();
            return [.. Enumerable.Range(0, count).Select(_ => random.Next(1000) is var pick && ids.Count > 0 ? ids[pick % ids.Count] : $"{prefix}nothing")];
        }

        public ValueTask DisposeAsync() => client.DisposeAsync();
    }
}
