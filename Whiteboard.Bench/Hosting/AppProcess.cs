using System.Reflection;

namespace Whiteboard.Bench.Hosting;

/// <summary>
/// The app as its own process, published as it ships, on a loopback port and a given data folder, so a
/// test can kill it as a crash would (SIGKILL) and start it again, and a benchmark can measure the server
/// apart from the load it makes.
/// </summary>
public sealed class AppProcess : IDisposable
{
    /// <summary>The app published once per run of the bench or the tests, from the build already made.</summary>
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    private readonly ChildProcess process;

    private AppProcess(ChildProcess process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => process.Id;

    /// <summary>
    /// Starts the app on a data folder, at <paramref name="address"/> (a restart's) or on a free port,
    /// with more <paramref name="settings"/> as command-line arguments ("--Whiteboard:MaxParticipants", "500").
    /// </summary>
    public static async Task<AppProcess> StartAsync(string dataDirectory, Uri? address = null, params string[] settings)
    {
        address ??= new Uri($"http://127.0.0.1:{ChildProcess.FreeLoopbackPort()}");
        var published = await Published.Value;
        var binary = Path.Combine(published, "Whiteboard.App");
        var process = ChildProcess.Start(binary, ["--contentRoot", published, .. settings], AppEnvironment(dataDirectory, address), published);
        using var client = new HttpClient { BaseAddress = address };
        await WaitUntilHealthyAsync(client);
        return new AppProcess(process, address);
    }

    /// <summary>
    /// Runs the app with <paramref name="settings"/> until it stops by itself (a setting it refuses, say): its exit code
    /// and everything it printed.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(string dataDirectory, params string[] settings)
    {
        var published = await Published.Value;
        var address = new Uri($"http://127.0.0.1:{ChildProcess.FreeLoopbackPort()}");
        return await ChildProcess.RunAsync(
            Path.Combine(published, "Whiteboard.App"), ["--contentRoot", published, .. settings], AppEnvironment(dataDirectory, address), published, TimeSpan.FromMinutes(1));
    }

    private static Dictionary<string, string> AppEnvironment(string dataDirectory, Uri address) => new()
    {
        ["ASPNETCORE_URLS"] = address.ToString(),
        ["Whiteboard__DataDirectory"] = dataDirectory,
        ["Logging__LogLevel__Default"] = "Warning",
        // The bench makes many boards from one address; a person's budget (issue 21) would refuse them.
        ["Whiteboard__BoardCreationsPerMinute"] = "100000",
        ["Whiteboard__BoardCreationBurst"] = "100000",
    };

    /// <summary>Waits until the app's /healthz answers 200.</summary>
    public static async Task WaitUntilHealthyAsync(HttpClient client)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }

    /// <summary>
    /// Publishes the caller's build of the app (Debug or Release) into its own folder beside that build: the
    /// files, static assets (compressed) and layout a server runs from, not the build's, which serves the
    /// project's own folders.
    /// </summary>
    private static async Task<string> PublishAsync()
    {
        var project = AppContentRoot();
        // The configuration this assembly was built in, as the SDK stamps it: the build's folder layout changes with runtime identifiers.
        var configuration = typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var output = Path.Combine(project, "bin", configuration, "published");
        var (exitCode, printed) = await ChildProcess.RunAsync(
            "dotnet", ["publish", Path.Combine(project, "Whiteboard.App.csproj"), "-c", configuration, "--no-build", "-o", output, "-nologo"],
            new Dictionary<string, string>(), project, TimeSpan.FromMinutes(5));
        return exitCode == 0 ? output : throw new InvalidOperationException($"Publishing the app failed:{Environment.NewLine}{printed}");
    }

    /// <summary>The app project's folder (the content root of the app run from its build), found above the running program.</summary>
    public static string AppContentRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "Whiteboard.App");
            if (File.Exists(Path.Combine(candidate, "Whiteboard.App.csproj")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The Whiteboard.App folder was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>SIGTERM, as a deploy stops an instance: the app shuts down gracefully. Returns its exit code.</summary>
    public Task<int> StopAsync() => process.StopAsync(TimeSpan.FromSeconds(60));

    /// <summary>SIGKILL: no shutdown, no flush; what the store has is all there is.</summary>
    public void Kill() => process.Kill();

    public void Dispose() => process.Dispose();
}
