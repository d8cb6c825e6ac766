using Whiteboard.App.Canvas;

namespace Whiteboard.App.Security;

/// <summary>
/// A request's path as it may be written down: a board's link is its credential, so the key in /b/{key}
/// (the page and its exports) and a download's one-time ticket are replaced before anything logs a path.
/// </summary>
public static class RedactedPaths
{
    private const string Hidden = "***";

    private static readonly string[] PathsBeforeASecret = ["/b", CanvasDownloads.Path];

    public static string Of(PathString path)
    {
        foreach (var prefix in PathsBeforeASecret)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase, out var rest) && rest.HasValue)
            {
                var secretEnd = rest.Value!.IndexOf('/', 1);
                return $"{prefix}/{Hidden}{(secretEnd < 0 ? "" : rest.Value[secretEnd..])}";
            }
        }

        return path.Value ?? "";
    }
}
