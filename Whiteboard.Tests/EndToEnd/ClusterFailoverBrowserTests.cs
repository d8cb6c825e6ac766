using Whiteboard.App.Cluster;
using Whiteboard.Bench.Hosting;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>
/// People in browsers on one board, spread by the load balancer over three instances of a cluster, while the instance
/// holding the board's writer is killed (SIGKILL) as they draw (issue 22): the people on the survivors draw on, the
/// killed instance's people come back through the load balancer on a survivor and their kept work is sent again, and
/// afterwards the board holds every stroke anyone was told was saved, once, in the one order every page shows, and every
/// page's canvas is the board's exported picture.
/// </summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class ClusterFailoverBrowserTests(PostgreSqlServer server) : IAsyncLifetime
{
    private const int Instances = 3;

    /// <summary>Four people: round robin puts the first and the fourth on one instance, the others one on each.</summary>
    private const int People = 4;

    /// <summary>Strokes each person on a survivor draws after the kill, at least, while the killed instance's people are away.</summary>
    private const int StrokesDuringFailover = 3;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ClusterOfApps cluster = null!;
    private Browser browser = null!;

    public async Task InitializeAsync()
    {
        cluster = await ClusterOfApps.StartAsync(await server.DatabaseAsync(nameof(ClusterFailoverBrowserTests)), Instances);
        try
        {
            await cluster.WaitForActiveMembersAsync(Instances);
            await cluster.StartLoadBalancerAsync(Instances);
            browser = await Browser.LaunchAsync();
        }
        catch
        {
            // xUnit does not dispose a test class whose start failed: nothing may stay running.
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            browser.AssertNoPageErrors();
        }
        finally
        {
            await browser.DisposeAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Killing_the_writers_instance_while_people_draw_loses_and_doubles_nothing_acknowledged_and_every_canvas_ends_as_the_export()
    {
        var key = await NewBoard.CreateAsync(cluster.LoadBalancer!.Address);
        var people = new List<Person>();
        for (var part = 0; part < People; part++)
        {
            // One at a time: the first page's room is the first to ask for the board's writer, so the grain lives on its
            // instance (placed where it is first asked for), and the next pages come to an instance in turn.
            people.Add(await OpenAsync(key, part));
        }

        Assert.Equal(Instances, people.Select(person => person.Instance).Distinct().Count());
        var holder = people[0].Instance;
        var onHolder = people.Where(person => person.Instance == holder).ToList();
        var survivors = people.Except(onHolder).ToList();
        foreach (var person in people)
        {
            await person.Board.WaitForParticipantCountAsync(People);
            await person.DrawStrokeAsync();
        }

        foreach (var person in people)
        {
            await person.Board.WaitForAllAcknowledgedAsync();
        }

        // The holder's people draw on, but hear no answer: their strokes are in flight, or stored and not acknowledged,
        // when the instance dies; their pages keep them and send them again from the survivor, where they apply once.
        foreach (var person in onHolder)
        {
            await HoldAnswersAsync(person.Board);
            await person.DrawStrokeAsync();
            await person.DrawStrokeAsync();
        }

        // Their pages report refused connections to the console while their instance is gone.
        browser.ExpectFailedRequests();
        var reloads = onHolder.Select(person => person.ReloadedAsync()).ToList();
        using var stop = new CancellationTokenSource();
        var drawing = survivors.Select(person => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await person.DrawStrokeAsync();
            }
        })).ToList();
        await WaitUntilAsync(() => survivors.All(person => person.Drawn >= 3), "the survivors' people to be drawing");

        var instance = cluster.Instances.Single(app => holder.EndsWith($"/{app.ProcessId}", StringComparison.Ordinal));
        instance.Kill();
        var killedAt = survivors.ToDictionary(person => person, person => person.Drawn);

        await Task.WhenAll(reloads).WaitAsync(Patience);
        foreach (var person in onHolder)
        {
            await person.ReadyAgainAsync();
            Assert.NotEqual(holder, person.Instance);
        }

        await WaitUntilAsync(() => survivors.All(person => person.Drawn >= killedAt[person] + StrokesDuringFailover), "the survivors' people to draw on");
        await stop.CancelAsync();
        await Task.WhenAll(drawing).WaitAsync(Patience);

        foreach (var person in people)
        {
            await person.Board.WaitForAllAcknowledgedAsync();
        }

        using var http = new HttpClient { BaseAddress = cluster.LoadBalancer.Address };
        var exported = (await ExportedBoard.ReadAsync(http, key)).Select(element => element.Id.Value).ToList();
        Assert.Equal(exported.Count, exported.Distinct().Count());
        foreach (var person in people)
        {
            // Every stroke the person drew was acknowledged (nothing refused, nothing dropped), and the board holds it.
            var acknowledged = await OutboxOutcomes.AcknowledgedStrokesAsync(person.Board.Page);
            Assert.Empty(await OutboxOutcomes.RefusedBatchesAsync(person.Board.Page));
            Assert.Equal(person.Drawn, acknowledged.Length);
            Assert.Empty(acknowledged.Except(exported));
        }

        var svg = await ExportedBoard.ReadSvgAsync(http, key);
        foreach (var person in people)
        {
            await ShowsTheExportAsync(person, exported, svg);
        }
    }

    /// <summary>A person opening the board's link through the load balancer, watched for what their page is told is saved.</summary>
    private async Task<Person> OpenAsync(string key, int part)
    {
        var answeredBy = new List<string>();
        var page = await browser.OpenAsync(new Uri(cluster.LoadBalancer!.Address, $"/b/{key}"), prepare: async page =>
        {
            await OutboxOutcomes.WatchAsync(page);
            page.Response += (_, response) =>
            {
                if (response.Request.ResourceType == "document")
                {
                    lock (answeredBy)
                    {
                        answeredBy.Add(response.Headers.GetValueOrDefault(InstanceHeader.Name.ToLowerInvariant(), "none"));
                    }
                }
            };
        });
        return new Person(await BoardPage.ReadyAsync(page), answeredBy, part);
    }

    /// <summary>
    /// Waits until the page shows the board as exported: its elements in the export's order, and its canvas the export's
    /// picture under the page's view.
    /// </summary>
    private static async Task ShowsTheExportAsync(Person person, IReadOnlyList<string> exported, string svg)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var shown = await person.Board.Page.EvaluateAsync<string[]>(
                "() => [...document.querySelector('[data-testid=board-surface]').whiteboard.display.elements.keys()]");
            var difference = await CanvasAgainstExport.CompareAsync(person.Board, svg);
            if ((shown.SequenceEqual(exported) && difference.None) || DateTime.UtcNow > deadline)
            {
                Assert.Equal(exported, shown);
                Assert.True(difference.None, $"Person {person.Part} on {person.Instance}: {difference}");
                Assert.True(difference.InkShown > 0, "the canvas shows no ink at all");
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>
    /// From now on the page hears no answer to what it sends (as over a way back that is gone); what it sends still
    /// leaves at once. The answers it will never hear are not reported as unhandled.
    /// </summary>
    private static Task HoldAnswersAsync(BoardPage person) => person.Page.EvaluateAsync("""
        () => {
            const board = document.querySelector('[data-testid=board-surface]').whiteboard;
            const submit = board.submit.bind(board);
            board.submit = messages => {
                submit(messages).catch(() => {});
                return new Promise(() => {});
            };
        }
        """);

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Patience.TotalSeconds} s for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>
    /// One person: their page, the instances that served its documents (the last is where its circuit is), and their own
    /// part of the board, where they draw short strokes in rows, none touching another's.
    /// </summary>
    private sealed class Person(BoardPage board, List<string> answeredBy, int part)
    {
        private const int Columns = 2;
        private int drawn;

        public BoardPage Board { get; private set; } = board;

        public int Part => part;

        public int Drawn => Volatile.Read(ref drawn);

        public string Instance
        {
            get
            {
                lock (answeredBy)
                {
                    return answeredBy[^1];
                }
            }
        }

        /// <summary>
        /// Draws the next stroke of the person's part (180 pixels wide, from the left: the panels on the right cover the
        /// board there): 60 pixels across, 10 below the one above.
        /// </summary>
        public async Task DrawStrokeAsync()
        {
            var stroke = Drawn;
            if (stroke >= 50 * Columns)
            {
                throw new InvalidOperationException($"Person {part}'s part of the board is full.");
            }

            var (x, y) = (20 + (part * 180) + (stroke % Columns * 80), 20 + (stroke / Columns * 10));
            await Board.DrawAsync([(x, y), (x + 30, y), (x + 60, y)]);
            Interlocked.Increment(ref drawn);
        }

        /// <summary>Completes when the page loads again (its instance gone, it reloads to reach another).</summary>
        public Task ReloadedAsync()
        {
            var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Board.Page.Load += (_, _) => reloaded.TrySetResult();
            return reloaded.Task;
        }

        public async Task ReadyAgainAsync() => Board = await BoardPage.ReadyAsync(Board.Page);
    }
}
