using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App;
using Whiteboard.Bench.Hosting;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>The real app on Kestrel, on a free loopback port; one host, so its services are the ones the browser talks to.</summary>
public sealed class RunningApp : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string? ownedDataDirectory;

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
        StartAsync(Directory.CreateTempSubdirectory("whiteboard-data-").FullName, ownsDataDirectory: true, settings);

    private static async Task<RunningApp> StartAsync(string dataDirectory, bool ownsDataDirectory, params string[] settings)
    {
        var app = WhiteboardApp.Create(
        [
            "--urls", "http://127.0.0.1:0", "--contentRoot", AppProcess.AppContentRoot(), "--Logging:LogLevel:Default=Warning",
            "--Whiteboard:DataDirectory", dataDirectory, .. settings,
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new RunningApp(app, new Uri(address), ownsDataDirectory ? dataDirectory : null);
    }

    public HttpClient CreateClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (ownedDataDirectory is not null)
        {
            Directory.Delete(ownedDataDirectory, recursive: true);
        }
    }
}
