using Microsoft.AspNetCore.HttpLogging;

namespace Whiteboard.App.Security;

/// <summary>
/// The request log (ASP.NET Core's HTTP logging, off unless its category is set to Information) with
/// <see cref="RedactedPaths"/> in place of the path: the host's own request lines, which would carry
/// board keys, are kept below Warning in <see cref="WhiteboardApp"/>.
/// </summary>
public sealed class RedactingRequestLog : IHttpLoggingInterceptor
{
    public const HttpLoggingFields Fields =
        HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;

    public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
    {
        var path = logContext.HttpContext.Request.Path;
        var redacted = RedactedPaths.Of(path);
        if (!string.Equals(redacted, path.Value, StringComparison.Ordinal) && logContext.TryDisable(HttpLoggingFields.RequestPath))
        {
            logContext.AddParameter(nameof(HttpRequest.Path), redacted);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;
}
