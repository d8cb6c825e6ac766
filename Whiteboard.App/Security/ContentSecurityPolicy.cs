namespace Whiteboard.App.Security;

/// <summary>
/// The Content-Security-Policy header, on every response: scripts only from this app (no inline
/// script, no eval), connections only back to it (the circuit's WebSocket), pictures from it or
/// data: URLs (the QR code, exported PNGs), no framing by other sites. Inline styles stay
/// allowed: MudBlazor's components set style attributes, and its theme is a style element. No Referer
/// leaves the app either: a board's link is its credential, and the path would carry it to any site linked.
/// </summary>
public static class ContentSecurityPolicy
{
    public const string Value =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseContentSecurityPolicy(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = Value;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            await next(context);
        });
}
