namespace Whiteboard.App.Security;

/// <summary>
/// Refuses what another site's page asks of this app through a visitor's browser: a form that makes boards
/// (POST /boards), and opening the circuit (/_blazor) or the hub (/hubs/board), whose WebSockets a browser
/// lets any page open. A browser names the page's origin (Sec-Fetch-Site, Origin); a request that names
/// none comes from a program (curl, the SignalR .NET client) or an old browser's same-site page, and passes.
/// </summary>
public sealed partial class CrossSiteRequests(WhiteboardOptions options, ILogger<CrossSiteRequests> logger) : IMiddleware
{
    private static readonly string[] GuardedPaths = ["/_blazor", "/hubs"];

    private readonly HashSet<string> allowedOrigins = options.AllowedOrigins
        .Select(origin => origin.TrimEnd('/'))
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (IsGuarded(request) && IsFromAnotherSite(request))
        {
            LogRefused(logger, request.Method, RedactedPaths.Of(request.Path), request.Headers.Origin.ToString());
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("Refused: this request came from a page on another site.");
            return;
        }

        await next(context);
    }

    /// <summary>Every request that changes something (no page here changes anything on GET), and the circuit and the hub.</summary>
    private static bool IsGuarded(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        || GuardedPaths.Any(path => request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase));

    private bool IsFromAnotherSite(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        var allowed = origin.Length > 0 && (IsThisHost(origin, request.Host) || allowedOrigins.Contains(origin.TrimEnd('/')));
        // The browser's own word first: it knows the page's origin even when a proxy changed the Host header.
        return request.Headers["Sec-Fetch-Site"].ToString() switch
        {
            "same-origin" or "none" => false,
            "" => origin.Length > 0 && !allowed,
            _ => !allowed,
        };
    }

    /// <summary>Whether the origin names the host (and port) the request was sent to; the scheme may differ behind a TLS proxy.</summary>
    private static bool IsThisHost(string origin, HostString host) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, host.Value, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a cross-site {Method} {Path} from {Origin}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string origin);
}
