using System.Globalization;
using Microsoft.Playwright;
using Whiteboard.App.Boards;
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

    private BrowsersOnACluster running = null!;
    private ClusterOfApps cluster = null!;
    private Browser browser = null!;

    public async Task InitializeAsync()
    {
        running = await BrowsersOnACluster.StartAsync(await server.DatabaseAsync(nameof(ClusterFailoverBrowserTests)), Instances);
        (cluster, browser) = (running.Cluster, running.Browser);
    }

    public Task DisposeAsync() => running.DisposeAsync().AsTask();

    [Fact]
    public async Task Killing_the_writers_instance_while_people_draw_loses_and_doubles_nothing_acknowledged_and_every_canvas_ends_as_the_export()
    {
        var key = await NewBoard.CreateAsync(cluster.LoadBalancer!.Address);
        var people = await OpenOnEveryInstanceAsync(key, People);
        var holder = people[0].Instance;
        var holderInstance = InstanceNamed(holder);
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
            while (!stop.IsCancellationRequested && person.HasRoom)
            {
                await person.DrawStrokeAsync();
            }
        })).ToList();
        await WaitUntilAsync(() => survivors.All(person => person.Drawn >= 3), "the survivors' people to be drawing");

        foreach (var person in onHolder)
        {
            Assert.False(await person.Board.Page.EvaluateAsync<bool>("() => document.querySelector('[data-testid=board-surface]').whiteboard.outbox.isEmpty"));
        }

        holderInstance.Kill();
        var killedAt = survivors.ToDictionary(person => person, person => person.Drawn);

        await Task.WhenAll(reloads).WaitAsync(Patience);
        foreach (var person in onHolder)
        {
            await person.ReadyAgainAsync();
            Assert.NotEqual(holder, person.Instance);
        }

        await WaitUntilAsync(() => survivors.All(person => person.Drawn >= killedAt[person] + StrokesDuringFailover), "the survivors' people to draw on");
        // The board's writer lives again, on a survivor.
        Assert.Contains(Assert.Single(await cluster.HostsOfAsync(nameof(BoardGrain))), survivors.Select(person => InstanceNamed(person.Instance)));
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
            // Nobody was told "Not done", every stroke was acknowledged in the end (the killed instance's people's too: what
            // their pages kept was applied), and the board holds each.
            var refused = await OutboxOutcomes.RefusedBatchesAsync(person.Board.Page);
            Assert.True(refused.Length == 0, $"Person {person.Part} on {person.Instance} was refused: {string.Join("; ", refused.Distinct())}");
            var acknowledged = await OutboxOutcomes.AcknowledgedStrokesAsync(person.Board.Page);
            Assert.Equal(person.Drawn, acknowledged.Length);
            Assert.Empty(acknowledged.Except(exported));
        }

        var svg = await ExportedBoard.ReadSvgAsync(http, key);
        foreach (var person in people)
        {
            await ShowsTheExportAsync(person, exported, svg);
        }
    }

    [Fact]
    public async Task A_stroke_drawn_on_a_survivor_across_the_failover_is_kept_whole()
    {
        var key = await NewBoard.CreateAsync(cluster.LoadBalancer!.Address);
        var people = await OpenOnEveryInstanceAsync(key, Instances);
        var holder = InstanceNamed(people[0].Instance);
        var (drawer, watcher) = (people[1].Board, people[2].Board);
        await drawer.WaitForParticipantCountAsync(Instances);

        // The pen goes down before the kill, and the stroke's start is stored (the watcher sees it); it moves on while the
        // writer comes back on a survivor, and a while after, and is lifted.
        await drawer.DrawAsync([(100, 100), (150, 100)], lift: false);
        await watcher.WaitForInkAtAsync(150, 100);
        browser.ExpectFailedRequests();
        holder.Kill();
        var x = 150;
        var movesAfter = 0;
        while (movesAfter < 20)
        {
            x += 2;
            await drawer.MovePenAsync(x, 100);
            movesAfter += x > 600 || await WriterLivesElsewhereAsync(holder) ? 1 : 0;
        }

        await drawer.LiftAsync();
        await drawer.WaitForAllAcknowledgedAsync();
        Assert.Empty(await OutboxOutcomes.RefusedBatchesAsync(drawer.Page));
        await watcher.WaitForInkAtAsync(x - 5, 100);
    }

    /// <summary>
    /// Opens the board for <paramref name="count"/> people one at a time, and checks that they are on every instance and
    /// that the board's writer lives on the first one's instance: the first page's room is the first to ask for the
    /// writer, and the grain is placed where it is first asked for. The next pages come to the instances in turn.
    /// </summary>
    private async Task<List<Person>> OpenOnEveryInstanceAsync(string key, int count)
    {
        var people = new List<Person>();
        for (var part = 0; part < count; part++)
        {
            people.Add(await OpenAsync(key, part));
        }

        Assert.Equal(Instances, people.Select(person => person.Instance).Distinct().Count());
        Assert.Equal([InstanceNamed(people[0].Instance)], await cluster.HostsOfAsync(nameof(BoardGrain)));
        return people;
    }

    /// <summary>Whether the board's writer lives on one instance, not <paramref name="killed"/>.</summary>
    private async Task<bool> WriterLivesElsewhereAsync(AppProcess killed)
    {
        try
        {
            return await cluster.HostsOfAsync(nameof(BoardGrain)) is [var host] && host != killed;
        }
        catch (OrleansMessageRejectionException)
        {
            // The killed instance is still a member: the management grain asks it too, and cannot reach it.
            return false;
        }
    }

    /// <summary>The instance whose responses carry this name (<see cref="InstanceHeader"/>: machine and process).</summary>
    private AppProcess InstanceNamed(string name) =>
        cluster.Instances.Single(instance => name.EndsWith($"/{instance.ProcessId}", StringComparison.Ordinal));

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

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
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
        private const int Columns = 3;
        private const int Rows = 60;
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

        /// <summary>Whether the person's part of the board has room for another stroke.</summary>
        public bool HasRoom => Drawn < Columns * Rows;

        /// <summary>
        /// Draws the next stroke of the person's part (180 pixels wide, from the left), 40 pixels across, 8 below the one
        /// above, and waits until the page shows it. Its pointer events come in one task of the page, so the page sends the
        /// whole stroke in one call: a stroke drawn across the kill, its call split between the old writer and the new, is
        /// <see cref="A_stroke_drawn_on_a_survivor_across_the_failover_is_kept_whole"/>'s case.
        /// </summary>
        public async Task DrawStrokeAsync()
        {
            var stroke = Drawn;
            var (x, y) = (20 + (part * 180) + (stroke % Columns * 55), 20 + (stroke / Columns * 8));
            await Board.SendPointerAsync("mouse", [("pointerdown", 1, x, y), ("pointermove", 1, x + 20, y), ("pointermove", 1, x + 40, y), ("pointerup", 1, x + 40, y)]);
            Interlocked.Increment(ref drawn);
            await Board.Page.WaitForFunctionAsync(string.Create(CultureInfo.InvariantCulture, $$"""
                () => [...document.querySelectorAll('[data-testid=board-dry], [data-testid=board-wet]')]
                    .some(canvas => canvas.getContext('2d').getImageData({{x + 20}}, {{y}}, 1, 1).data[3] > 0)
                """), null, new PageWaitForFunctionOptions { Timeout = 10_000, PollingInterval = 20 });
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
