using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Whiteboard.App;
using Whiteboard.Bench.Hosting;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>The real app on Kestrel, on a free loopback port; one host, so its services are the ones the browser talks to.</summary>
public sealed class RunningApp : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string? ownedDataDirectory;
    private bool disposed;

    private RunningApp(WebApplication app, Uri address, string? ownedDataDirectory)
    {
        this.app = app;
        Address = address;
        this.ownedDataDirectory = ownedDataDirectory;
    }

    public Uri Address { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>Starts on a data folder of its own, removed when the app is disposed.</summary>
    public static Task<RunningApp> StartAsync() =>
        StartAsync(Directory.CreateTempSubdirectory("whiteboard-data-").FullName, ownsDataDirectory: true);

    /// <summary>Starts on the given data folder, which outlives the app (for restarts).</summary>
    public static Task<RunningApp> StartAsync(string dataDirectory) => StartAsync(dataDirectory, ownsDataDirectory: false);

    /// <summary>Starts on a data folder of its own, with more settings (pairs of name and value).</summary>
    public static Task<RunningApp> StartWithAsync(params string[] settings) =>
        StartAsync(Directory.CreateTempSubdirectory("whiteboard-data-").FullName, ownsDataDirectory: true, log: null, settings);

    /// <summary>
    /// Starts on the given data folder (or one of its own) with the log levels the app ships with
    /// (appsettings.json) and more settings, writing everything it logs into <paramref name="log"/> too.
    /// </summary>
    public static Task<RunningApp> StartLoggingAsync(CapturedLog log, string? dataDirectory = null, params string[] settings) =>
        StartAsync(dataDirectory ?? Directory.CreateTempSubdirectory("whiteboard-data-").FullName, ownsDataDirectory: dataDirectory is null, log, settings);

    private static Task<RunningApp> StartAsync(string dataDirectory, bool ownsDataDirectory) =>
        StartAsync(dataDirectory, ownsDataDirectory, log: null, []);

    private static async Task<RunningApp> StartAsync(string dataDirectory, bool ownsDataDirectory, CapturedLog? log, string[] settings)
    {
        // Quiet unless a test reads the log. Tests make many boards from one address: the budget for new boards is
        // raised beyond reach, and a test of that budget sets its own.
        string[] quiet = log is null ? ["--Logging:LogLevel:Default=Warning"] : [];
        var app = WhiteboardApp.Create(
        [
            "--urls", "http://127.0.0.1:0", "--contentRoot", AppProcess.AppContentRoot(), .. quiet,
            "--Whiteboard:BoardCreationsPerMinute", "100000", "--Whiteboard:BoardCreationBurst", "100000",
            "--Whiteboard:DataDirectory", dataDirectory, .. settings,
        ]);
        if (log is not null)
        {
            app.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new RunningApp(app, new Uri(address), ownsDataDirectory ? dataDirectory : null);
    }

    public HttpClient CreateClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address };

    /// <summary>Stops the app; once, so a test may stop it early (to read everything it logged) and still dispose it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await app.StopAsync();
        await app.DisposeAsync();
        if (ownedDataDirectory is not null)
        {
            Directory.Delete(ownedDataDirectory, recursive: true);
        }
    }
}
