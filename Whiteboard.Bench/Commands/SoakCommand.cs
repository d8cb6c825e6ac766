using System.CommandLine;
using System.Globalization;
using Whiteboard.Bench.Scenarios;

namespace Whiteboard.Bench.Commands;

/// <summary><c>soak</c>: the server's memory and handles over a long classroom, and how fast they grow.</summary>
internal static class SoakCommand
{
    public static Command Create()
    {
        var minutes = BenchOptions.Number("--minutes", 30, "How long the classroom runs, in minutes (sampled each minute)");
        var pupils = BenchOptions.Number("--pupils", 30, "Pupils in each lesson");
        var lesson = BenchOptions.Number("--lesson-seconds", 60, "How long each lesson lasts, on a board of its own, in seconds");
        var command = new Command("soak", "A classroom for a long while: the server's memory and handles each minute, and their growth per hour")
        {
            minutes, pupils, lesson,
        };
        command.SetAction(async (parsed, _) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var settings = new SoakSettings(TimeSpan.FromMinutes(parsed.GetValue(minutes)), TimeSpan.FromMinutes(1),
                parsed.GetValue(pupils), TimeSpan.FromSeconds(parsed.GetValue(lesson)));
            await output.WriteLineAsync($"soak: {settings.Pupils} pupils, lessons of {settings.Lesson.TotalSeconds:N0} s, " +
                $"for {settings.Duration.TotalMinutes:N0} min, on {Report.Machine}");
            var result = await SoakScenario.RunAsync(settings, output.WriteLine);
            await Report.WriteJsonAsync("soak", new
            {
                scenario = "soak", machine = Report.Machine, minutes = settings.Duration.TotalMinutes, settings.Pupils,
                lessonSeconds = settings.Lesson.TotalSeconds, result.Samples, result.Lessons, result.Joins, result.Leaves, result.Drops,
                result.Strokes, result.Exports, result.Errors, result.FirstError, result.ResidentBytesPerHour, result.LiveBytesPerHour,
                result.DescriptorsPerHour, result.ThreadsPerHour,
            });
            await output.WriteLineAsync($"{result.Lessons} lessons, {result.Joins} joins, {result.Leaves} leaves, {result.Drops} drops, " +
                $"{result.Strokes} strokes, {result.Exports} exports, {result.Errors} errors{(result.FirstError is { } error ? $" (first: {error})" : "")}");
            await output.WriteLineAsync("| soak | server resident, MB | live after a full collection, MB | file descriptors | threads |");
            await output.WriteLineAsync("|---|---|---|---|---|");
            foreach (var sample in result.Samples)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"| {sample.At.TotalMinutes:N0} min | {sample.ResidentBytes / 1e6:N1} | {sample.LiveBytes / 1e6:N1} | {sample.Descriptors} | {sample.Threads} |"));
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| growth per hour (under load) | {result.ResidentBytesPerHour / 1e6:+0.0;-0.0} | {result.LiveBytesPerHour / 1e6:+0.0;-0.0} | " +
                $"{result.DescriptorsPerHour:+0;-0} | {result.ThreadsPerHour:+0;-0} |"));
            return result.Errors == 0 ? 0 : 1;
        });
        return command;
    }
}
