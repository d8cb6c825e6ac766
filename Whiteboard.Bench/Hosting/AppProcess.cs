namespace Whiteboard.Bench.Hosting;

/// <summary>
/// The app as its own process: the binary the build made, on a loopback port and a given data folder,
/// so a test can kill it as a crash would (SIGKILL) and start it again, and a benchmark can measure
/// the server apart from the load it makes.
/// </summary>
public sealed class AppProcess : IDisposable
{
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
        var contentRoot = AppContentRoot();
        // The same build of the app as the caller's (Debug or Release), from its own output folder.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name;
        var binary = Path.Combine(contentRoot, "bin", configuration, "net9.0", "linux-x64", "Whiteboard.App");
        var process = ChildProcess.Start(binary, ["--contentRoot", contentRoot, .. settings], new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = address.ToString(),
            ["Whiteboard__DataDirectory"] = dataDirectory,
            ["Logging__LogLevel__Default"] = "Warning",
        }, contentRoot);
        using var client = new HttpClient { BaseAddress = address };
        await WaitUntilHealthyAsync(client);
        return new AppProcess(process, address);
    }

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

    /// <summary>The app project's folder (its content root), found above the running program.</summary>
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

    /// <summary>SIGKILL: no shutdown, no flush; what the store has is all there is.</summary>
    public void Kill() => process.Kill();

    public void Dispose() => process.Dispose();
}
