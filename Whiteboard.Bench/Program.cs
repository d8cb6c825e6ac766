using System.Globalization;
using System.Text.Json;
using Whiteboard.Bench.Scenarios;

// Whiteboard.Bench: measured figures, reproducible with one command (see the README's performance table).
//   dotnet run -c Release --project Whiteboard.Bench -- store [--boards 10] [--people 30] [--seconds 10]
if (args is not ["store", .. var options])
{
    Console.Error.WriteLine("usage: Whiteboard.Bench store [--boards N] [--people N] [--seconds N]");
    return 2;
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(options, name);
    return at >= 0 && at + 1 < options.Length ? int.Parse(options[at + 1], CultureInfo.InvariantCulture) : fallback;
}

var settings = new StoreSettings(Option("--boards", 10), Option("--people", 30), TimeSpan.FromSeconds(Option("--seconds", 10)));
Console.WriteLine($"store: {settings.Boards} boards x {settings.People} people drawing, {settings.Length.TotalSeconds:0} s, " +
    $"on {Environment.ProcessorCount} cores, {Environment.OSVersion}");
var result = await StoreScenario.RunAsync(settings, new Progress<long>(done => Console.Write($"\r  {done:N0} operations acknowledged ")));
Console.WriteLine();

Directory.CreateDirectory("bench-results");
await File.WriteAllTextAsync(Path.Combine("bench-results", "store.json"), JsonSerializer.Serialize(new
{
    scenario = "store",
    settings.Boards,
    settings.People,
    seconds = result.Elapsed.TotalSeconds,
    operationsPerSecond = result.OperationsPerSecond,
    turnsPerSecond = result.TurnsPerSecond,
    operationsPerTurn = result.OperationsPerTurn,
    cores = Environment.ProcessorCount,
}));
Console.WriteLine("| scenario | operations/s stored and acknowledged | room turns/s | operations per turn |");
Console.WriteLine("|---|---|---|---|");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| store, {settings.Boards} boards x {settings.People} people | {result.OperationsPerSecond:N0} | {result.TurnsPerSecond:N0} | {result.OperationsPerTurn:N1} |"));
return result.Acknowledged == result.Stored ? 0 : 1;
