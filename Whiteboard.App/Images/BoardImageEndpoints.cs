using System.Globalization;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Images;

/// <summary>
/// A board's images over plain HTTP, beside its operations: an image's bytes never travel through the board's
/// operation path (the circuit, the room, the writer), whose messages stay small. The page uploads the file with a POST
/// to its edit link's path (the key is the credential; a cross-site POST is refused by <see cref="Security.CrossSiteRequests"/>),
/// then places an <c>image</c> element naming the hash it was answered. Either link reads an image back.
/// </summary>
public static class BoardImageEndpoints
{
    /// <summary>A year: an image's address names its bytes (their hash), so they never change.</summary>
    private const string CachedForever = "private, max-age=31536000, immutable";

    /// <summary>An image opened on its own is a picture, never a page: nothing it could hold may run, load or be framed.</summary>
    private const string ImagePolicy = "default-src 'none'; sandbox; frame-ancestors 'none'";

    public static string PathOf(string key, string hash) => $"/b/{key}/images/{hash}";

    public static void MapBoardImages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/b/{key}/images", UploadAsync);
        app.MapGet("/b/{key}/images/{hash}", ServeAsync);
    }

    private static async Task<IResult> UploadAsync(
        string key, HttpContext context, BoardRooms rooms, ImageCheck check, IBoardImageStore images, ImageUploadLimiter limiter,
        CancellationToken cancellationToken)
    {
        if (await rooms.FindAsync(key, cancellationToken) is not ({ } board, _, var access) || access == BoardAccess.None)
        {
            return Results.NotFound(new UploadRefusal("There is no board at this link.", UploadRefusal.Failed));
        }

        if (access != BoardAccess.Edit)
        {
            return Results.Json(new UploadRefusal("This is a view-only link: you can watch this board but not change it.", UploadRefusal.Failed),
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (!limiter.TryAcquire(context.Connection.RemoteIpAddress, out var retryAfter))
        {
            var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Results.Json(new UploadRefusal(ImageUploadLimiter.Refusal(seconds), UploadRefusal.TooMany), statusCode: StatusCodes.Status429TooManyRequests);
        }

        var upload = await ReadBodyAsync(context.Request, cancellationToken);
        if (upload is null)
        {
            return Results.Json(new UploadRefusal(ImageCheck.TooLarge, UploadRefusal.Refused), statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var image = await check.CheckAsync(upload, cancellationToken);
        if (!image.IsValid)
        {
            return Results.BadRequest(new UploadRefusal(image.Error!, UploadRefusal.Refused));
        }

        var kept = await images.KeepImageAsync(board.Id, image.Value!, BoardLimits.MaxImageBytesPerBoard, cancellationToken);
        return kept == ImageKept.BoardFull
            ? Results.Json(new UploadRefusal(BoardImagesFull, UploadRefusal.BoardFull), statusCode: StatusCodes.Status413PayloadTooLarge)
            : Results.Ok(new UploadedImage(image.Value!.Hash, image.Value.Width, image.Value.Height, image.Value.ContentType));
    }

    public static string BoardImagesFull =>
        $"This board's images are full: a board keeps at most {BoardLimits.MaxImageBytesPerBoard / (1024 * 1024)} MB of them.";

    private static async Task<IResult> ServeAsync(
        string key, string hash, HttpContext context, BoardRooms rooms, IBoardImageStore images, CancellationToken cancellationToken)
    {
        if (!ImageHash.IsWellFormed(hash) || await rooms.FindAsync(key, cancellationToken) is not ({ } board, _, not BoardAccess.None)
            || await images.ReadImageAsync(board.Id, hash, cancellationToken) is not { } image)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = CachedForever;
        context.Response.Headers.ContentSecurityPolicy = ImagePolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(image.Bytes, image.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{hash}\""));
    }

    /// <summary>The request's body, or null when it is over the image limit (said by its length, or found reading it).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > BoardLimits.MaxImageBytes)
        {
            return null;
        }

        using var body = new MemoryStream();
        var buffer = new byte[81_920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > BoardLimits.MaxImageBytes)
            {
                return null;
            }

            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }

    /// <summary>What an upload was answered: the image's name on the board, and its size in pixels (to place it in proportion).</summary>
    public sealed record UploadedImage(string Hash, int Width, int Height, string ContentType);

    /// <summary>Why an upload was refused, in words, and as the page's notice names it (BoardCanvas's page problems).</summary>
    public sealed record UploadRefusal(string Error, string Problem)
    {
        public const string Refused = "image-refused";
        public const string BoardFull = "image-board-full";
        public const string Failed = "image-failed";
        public const string TooMany = "image-too-many";
    }
}
