using System.CommandLine;
using System.Globalization;
using Whiteboard.Bench.Scenarios;

namespace Whiteboard.Bench.Commands;

/// <summary><c>store</c>: operations stored and acknowledged per second, in process, without the network.</summary>
internal static class StoreCommand
{
    public static Command Create()
    {
        var boards = BenchOptions.Number("--boards", 10, "Boards, each with its own room");
        var people = BenchOptions.Number("--people", 30, "People drawing on each board");
        var seconds = BenchOptions.Number("--seconds", 10, "How long they draw");
        var postgreSql = new Option<string?>("--postgresql")
        {
            HelpName = "connection string",
            Description = "An Npgsql connection string: store in that PostgreSQL database instead of a SQLite file made for the run",
        };
        var command = new Command("store", "Operations stored and acknowledged per second, in process") { boards, people, seconds, postgreSql };
        command.SetAction(async (parsed, _) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var settings = new StoreSettings(
                parsed.GetValue(boards), parsed.GetValue(people), TimeSpan.FromSeconds(parsed.GetValue(seconds)), parsed.GetValue(postgreSql));
            var storeName = settings.PostgreSql is null ? "SQLite" : "PostgreSQL";
            await output.WriteLineAsync(
                $"store: {settings.Boards} boards x {settings.People} people drawing, {settings.Length.TotalSeconds:0} s, {storeName}, on {Report.Machine}");
            var result = await StoreScenario.RunAsync(settings, new Progress<long>(done => output.Write($"\r  {done:N0} operations acknowledged ")));
            await output.WriteLineAsync();
            await Report.WriteJsonAsync("store", new
            {
                scenario = "store",
                machine = Report.Machine,
                store = storeName,
                settings.Boards,
                settings.People,
                seconds = result.Elapsed.TotalSeconds,
                operationsPerSecond = result.OperationsPerSecond,
                turnsPerSecond = result.TurnsPerSecond,
                operationsPerTurn = result.OperationsPerTurn,
            });
            await output.WriteLineAsync("| scenario | operations/s stored and acknowledged | room turns/s | operations per turn |");
            await output.WriteLineAsync("|---|---|---|---|");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| store ({storeName}), {settings.Boards} boards x {settings.People} people | {result.OperationsPerSecond:N0} | {result.TurnsPerSecond:N0} | {result.OperationsPerTurn:N1} |"));
            return result.Acknowledged == result.Stored ? 0 : 1;
        });
        return command;
    }
}
