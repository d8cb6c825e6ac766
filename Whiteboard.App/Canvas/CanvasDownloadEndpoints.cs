namespace Whiteboard.App.Canvas;

/// <summary>The address a page downloads a large canvas batch from (see <see cref="CanvasDownloads"/>).</summary>
public static class CanvasDownloadEndpoints
{
    public static void MapCanvasDownloads(this IEndpointRouteBuilder app) =>
        app.MapGet($"{CanvasDownloads.Path}/{{ticket}}", (string ticket, CanvasDownloads downloads, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return downloads.Take(ticket) is { } bytes
                ? Results.Bytes(bytes, "application/octet-stream")
                : Results.NotFound();
        });
}
