using System.Globalization;
using Whiteboard.App.Boards;
using Whiteboard.App.Canvas;
using Whiteboard.App.Cluster;
using Whiteboard.App.Components.Pages;
using Whiteboard.App.Export;
using Whiteboard.App.Images;
using Whiteboard.App.Security;

namespace Whiteboard.App;

/// <summary>Builds the web app; used by Program and by tests that start it on a real port.</summary>
public static partial class WhiteboardApp
{
    public static WebApplication Create(string[] args)
    {
        // Named explicitly: under a test runner the entry assembly is not the app.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(WhiteboardApp).Assembly.GetName().Name,
        });

        // Serve package assets (blazor.web.js, the UI library's) from the build output too, not only from a published folder.
        builder.WebHost.UseStaticWebAssets();
        // Served as built, compressed at build time. Otherwise, on a build's output (`dotnet run`), ASP.NET
        // Core watches for edited files: it takes the package's files for edited (their dates differ),
        // hashes each one on every request and sends it "gzip" at no compression, 2.4 MB a page instead of 0.5.
        // A developer (Development) keeps the watching, to see an edited script without a build.
        if (!builder.Environment.IsDevelopment())
        {
            builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";
        }
        builder.Services.AddWhiteboard(builder.Configuration, builder.Environment);
        // The host's own request lines carry each path, and a redirect's line its address: a board's key among them,
        // at Information. Kept below Warning whatever the configuration says; RedactingRequestLog writes the request log.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result.RedirectResult", LogLevel.Warning);

        var app = builder.Build();
        app.UseHttpLogging();
        app.UseInstanceHeader();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseContentSecurityPolicy();
        app.UseMiddleware<CrossSiteRequests>();
        app.UseAntiforgery();
        app.UseBoardLinkLookup();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz");
        app.MapPost("/boards", CreateBoardAsync);
        app.MapBoardExports();
        app.MapBoardImages();
        app.MapCanvasDownloads();
        app.MapHub<Hubs.BoardHub>("/hubs/board");
        // Uncompressed: drawing goes as 32-bit floats, which deflate barely shrinks for a lot of server CPU
        // (a large board's snapshot is megabytes of them, and every batch goes to every participant).
        // Blazor adds a frame-ancestors policy of its own to pages when the circuit's WebSocket is compressed; the app's
        // policy says frame-ancestors already, so should compression come back, one header per response stays.
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode(o =>
        {
            o.DisableWebSocketCompression = true;
            o.ContentSecurityFrameAncestorsPolicy = null;
        });

        app.Lifetime.ApplicationStarted.Register(() => LogOpenInBrowser(app.Logger, string.Join(", ", app.Urls)));
        return app;
    }

    /// <summary>The home page's "New board": a new, empty board's page; at most as many as the client's budget allows.</summary>
    private static async Task<IResult> CreateBoardAsync(
        HttpContext context, BoardRooms rooms, BoardCreationLimiter limiter, ILogger<BoardRooms> logger, CancellationToken cancellationToken)
    {
        if (!limiter.TryAcquire(context.Connection.RemoteIpAddress, out var retryAfter))
        {
            var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Results.Text(BoardCreationLimiter.Refusal(seconds), "text/plain; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests);
        }

        try
        {
            return Results.Redirect($"/b/{(await rooms.CreateBoardAsync(content: null, cancellationToken)).EditKey}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The home page says what is wrong with the store.
            LogCreateFailed(logger, exception);
            return Results.Redirect("/");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A new board could not be created")]
    private static partial void LogCreateFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Whiteboard is running: open {Urls} in a browser")]
    private static partial void LogOpenInBrowser(ILogger logger, string urls);
}
