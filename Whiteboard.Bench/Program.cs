using System.Globalization;
using System.Text.Json;
using Whiteboard.Bench.Measure;
using Whiteboard.Bench.Scenarios;

// Whiteboard.Bench: measured figures, reproducible with one command (see the README's performance table).
//   dotnet run -c Release --project Whiteboard.Bench -- store [--boards 10] [--people 30] [--seconds 10]
//   dotnet run -c Release --project Whiteboard.Bench -- fanout [--people 100] [--drawing 1,5,10,20,40] [--seconds 5] [--stalled 0] [--url URL]
//   dotnet run -c Release --project Whiteboard.Bench -- classroom [--boards 10] [--people 30] [--drawing 3] [--seconds 10] [--stalled 0] [--url URL]
//   dotnet run -c Release --project Whiteboard.Bench -- browsers [--pages 10] [--seconds 10] [--warm-up 20] [--delay 0] [--url URL]
//   dotnet run -c Release --project Whiteboard.Bench -- circuits [--pages 50]
//   dotnet run -c Release --project Whiteboard.Bench -- large-board [--elements 10000] [--points 100] [--opens 3]
const string Usage = """
    usage: Whiteboard.Bench store [--boards N] [--people N] [--seconds N]
           Whiteboard.Bench fanout [--people N] [--drawing N,N,...] [--seconds N] [--stalled N] [--url URL]
           Whiteboard.Bench classroom [--boards N] [--people N] [--drawing N,...] [--seconds N] [--stalled N] [--url URL]
           Whiteboard.Bench browsers [--pages N] [--seconds N] [--warm-up S untimed] [--delay MS each way] [--url URL]
           Whiteboard.Bench circuits [--pages N]
           Whiteboard.Bench large-board [--elements N] [--points N] [--opens N]
    """;
if (args is not [var scenario and ("store" or "fanout" or "classroom" or "browsers" or "circuits" or "large-board"), .. var options])
{
    Console.Error.WriteLine(Usage);
    return 2;
}

string? Text(string name) => Array.IndexOf(options, name) is var at and >= 0 && at + 1 < options.Length ? options[at + 1] : null;
int Number(string name, int fallback) => Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
int[] Numbers(string name, int[] fallback) =>
    Text(name) is { } text ? [.. text.Split(',').Select(part => int.Parse(part, CultureInfo.InvariantCulture))] : fallback;

var machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}";
Directory.CreateDirectory("bench-results");
if (scenario == "store")
{
    var settings = new StoreSettings(Number("--boards", 10), Number("--people", 30), TimeSpan.FromSeconds(Number("--seconds", 10)));
    Console.WriteLine($"store: {settings.Boards} boards x {settings.People} people drawing, {settings.Length.TotalSeconds:0} s, on {machine}");
    var result = await StoreScenario.RunAsync(settings, new Progress<long>(done => Console.Write($"\r  {done:N0} operations acknowledged ")));
    Console.WriteLine();
    await File.WriteAllTextAsync(Path.Combine("bench-results", "store.json"), JsonSerializer.Serialize(new
    {
        scenario,
        machine,
        settings.Boards,
        settings.People,
        seconds = result.Elapsed.TotalSeconds,
        operationsPerSecond = result.OperationsPerSecond,
        turnsPerSecond = result.TurnsPerSecond,
        operationsPerTurn = result.OperationsPerTurn,
    }));
    Console.WriteLine("| scenario | operations/s stored and acknowledged | room turns/s | operations per turn |");
    Console.WriteLine("|---|---|---|---|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| store, {settings.Boards} boards x {settings.People} people | {result.OperationsPerSecond:N0} | {result.TurnsPerSecond:N0} | {result.OperationsPerTurn:N1} |"));
    return result.Acknowledged == result.Stored ? 0 : 1;
}

string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("N1", CultureInfo.InvariantCulture);
string Latencies(LatencyHistogram histogram) =>
    $"{Milliseconds(histogram.Percentile(50))} | {Milliseconds(histogram.Percentile(95))} | {Milliseconds(histogram.Percentile(99))} | {Milliseconds(histogram.Max)}";
object LatencyJson(LatencyHistogram histogram) => new
{
    count = histogram.Count,
    p50Ms = histogram.Percentile(50).TotalMilliseconds,
    p95Ms = histogram.Percentile(95).TotalMilliseconds,
    p99Ms = histogram.Percentile(99).TotalMilliseconds,
    maxMs = histogram.Max.TotalMilliseconds,
};

if (scenario == "browsers")
{
    var (pages, delay, warmUp, seconds) = (Number("--pages", 10), Number("--delay", 0), Number("--warm-up", 20), Number("--seconds", 10));
    var over = delay > 0 ? $", {delay} ms each way" : "";
    Console.WriteLine($"browsers: {pages} pages on one board{over}, one drawing at 60 Hz for {seconds} s after {warmUp} s untimed, on {machine}");
    var result = await BrowsersScenario.RunAsync(
        pages, TimeSpan.FromSeconds(warmUp), TimeSpan.FromSeconds(seconds), TimeSpan.FromMilliseconds(delay),
        Text("--url") is { } at ? new Uri(at) : null, Console.WriteLine);
    await File.WriteAllTextAsync(Path.Combine("bench-results", "browsers.json"), JsonSerializer.Serialize(new
    {
        scenario, machine, result.Pages, delayMs = delay, warmUpSeconds = warmUp, result.Points, peer = LatencyJson(result.Peer), wetInk = LatencyJson(result.WetInk), result.Missing,
        cpuPercentOfOneCore = result.Cpu,
    }));
    Console.WriteLine("| browsers | latency | p50 ms | p95 ms | p99 ms | max ms |");
    Console.WriteLine("|---|---|---|---|---|---|");
    Console.WriteLine($"| {pages} pages{over}, {result.Points} points | pointer event to drawn on each peer's canvas | {Latencies(result.Peer)} |");
    Console.WriteLine($"| {pages} pages{over}, {result.Points} points | pointer event to the frame showing the wet ink | {Latencies(result.WetInk)} |");
    Console.WriteLine($"segments a peer never drew: {result.Missing}");
    var cpu = result.Cpu;
    var server = cpu.ServerPercent is { } used ? $"the server {used:N0} %, " : "";
    Console.WriteLine(
        $"CPU while timed, in % of one core: Chromium {cpu.BrowserPercent:N0} % ({cpu.BrowserProcesses} processes), {server}the bench {cpu.BenchPercent:N0} %; " +
        $"idle {cpu.IdlePercent:N0} % of {100 * cpu.Cores} %");
    return result.Missing == 0 && result.Peer.Count > 0 ? 0 : 1;
}

if (scenario == "circuits")
{
    var pages = Number("--pages", 50);
    Console.WriteLine($"circuits: {pages} idle pages on one board, on {machine}");
    var result = await CircuitsScenario.RunAsync(pages, Console.WriteLine);
    await File.WriteAllTextAsync(Path.Combine("bench-results", "circuits.json"), JsonSerializer.Serialize(new
    {
        scenario, machine, result.Pages, result.BaselineBytes, result.LoadedBytes, result.BytesPerPage,
        result.BaselineLiveBytes, result.LoadedLiveBytes, result.LiveBytesPerPage,
    }));
    Console.WriteLine("| circuits | memory | no page, MB | pages open, MB | KB per idle page |");
    Console.WriteLine("|---|---|---|---|---|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {pages} pages | server resident | {result.BaselineBytes / 1e6:N1} | {result.LoadedBytes / 1e6:N1} | {result.BytesPerPage / 1024:N0} |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {pages} pages | live after a full collection | {result.BaselineLiveBytes / 1e6:N1} | {result.LoadedLiveBytes / 1e6:N1} | {result.LiveBytesPerPage / 1024:N0} |"));
    return 0;
}

if (scenario == "large-board")
{
    var (elements, points) = (Number("--elements", 10_000), Number("--points", 100));
    Console.WriteLine($"large-board: {elements:N0} strokes x {points} points, on {machine}");
    var result = await LargeBoardScenario.RunAsync(elements, points, Number("--opens", 3), Console.WriteLine);
    await File.WriteAllTextAsync(Path.Combine("bench-results", "large-board.json"), JsonSerializer.Serialize(new
    {
        scenario, machine, result.Elements, result.Points,
        emptyReadyMs = result.EmptyReady.TotalMilliseconds,
        firstReadyMs = result.FirstReady.TotalMilliseconds,
        laterReadyMs = result.LaterReady.Select(ready => ready.TotalMilliseconds),
        frameWork = LatencyJson(result.Frames.Work),
        betweenFrames = LatencyJson(result.Frames.Between),
        emptyBoardFrameWork = LatencyJson(result.EmptyFrames.Work),
        emptyBoardBetweenFrames = LatencyJson(result.EmptyFrames.Between),
    }));
    Console.WriteLine("| large board | empty board ready ms | first open ready ms | later opens ready ms |");
    Console.WriteLine("|---|---|---|---|");
    Console.WriteLine($"| {elements:N0} strokes, {result.Points:N0} points | {Milliseconds(result.EmptyReady)} | {Milliseconds(result.FirstReady)} | " +
        $"{string.Join(", ", result.LaterReady.Select(Milliseconds))} |");
    Console.WriteLine();
    Console.WriteLine("| panning and zooming | p50 ms | p95 ms | p99 ms | max ms |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var (board, frames) in new[] { ("large board", result.Frames), ("empty board", result.EmptyFrames) })
    {
        Console.WriteLine($"| {board}, a frame's work | {Latencies(frames.Work)} |");
        Console.WriteLine($"| {board}, between frames | {Latencies(frames.Between)} |");
    }
    return 0;
}

var fanout = scenario == "fanout";
var load = new HubLoadSettings(
    fanout ? 1 : Number("--boards", 10),
    Number("--people", fanout ? 100 : 30),
    Numbers("--drawing", fanout ? [1, 5, 10, 20, 40] : [3]),
    TimeSpan.FromSeconds(Number("--seconds", fanout ? 5 : 10)),
    Number("--stalled", 0),
    Text("--url") is { } url ? new Uri(url) : null);
Console.WriteLine($"{scenario}: {load.Boards} board(s) x {load.People} people, drawing per board {string.Join(", ", load.Drawing)}, " +
    $"{load.Stalled} stalled, {load.StepLength.TotalSeconds:0} s a step, on {machine}");
var steps = await HubLoadScenario.RunAsync(load, Console.WriteLine);
var knee = HubLoadScenario.Knee(steps, TimeSpan.FromMilliseconds(100));
await File.WriteAllTextAsync(Path.Combine("bench-results", $"{scenario}.json"), JsonSerializer.Serialize(new
{
    scenario,
    machine,
    load.Boards,
    load.People,
    load.Stalled,
    steps = steps.Select(step => new
    {
        step.DrawingPerBoard,
        step.DeliveriesPerSecond,
        p50Ms = step.P50.TotalMilliseconds,
        p95Ms = step.P95.TotalMilliseconds,
        p99Ms = step.P99.TotalMilliseconds,
        maxMs = step.Max.TotalMilliseconds,
        step.Undelivered,
        step.Errors,
        step.ServerCpuPercent,
        step.ServerMemoryMegabytes,
    }),
    kneeDeliveriesPerSecond = knee?.DeliveriesPerSecond,
}));
Console.WriteLine("| scenario | drawing per board | deliveries/s | p50 ms | p95 ms | p99 ms | max ms | undelivered | errors | server CPU % | server MB |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var step in steps)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {scenario}, {load.Boards} x {load.People}{(load.Stalled > 0 ? $" + {load.Stalled} stalled" : "")} | {step.DrawingPerBoard} | {step.DeliveriesPerSecond:N0} | " +
        $"{step.P50.TotalMilliseconds:N1} | {step.P95.TotalMilliseconds:N1} | {step.P99.TotalMilliseconds:N1} | {step.Max.TotalMilliseconds:N1} | " +
        $"{step.Undelivered} | {step.Errors} | {step.ServerCpuPercent:N0} | {step.ServerMemoryMegabytes:N0} |"));
}

Console.WriteLine(knee is null
    ? "knee: no step kept p99 at or under 100 ms without errors or undelivered batches"
    : string.Create(CultureInfo.InvariantCulture, $"knee: {knee.DeliveriesPerSecond:N0} deliveries/s with p99 {knee.P99.TotalMilliseconds:N1} ms"));
return steps.All(step => step.Deliveries > 0) ? 0 : 1;
