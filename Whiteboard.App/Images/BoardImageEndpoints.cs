using System.Globalization;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Microsoft.Net.Http.Headers;
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

        var client = context.Connection.RemoteIpAddress;
        using var slot = check.Slots.TryTake(client);
        if (slot is null)
        {
            context.Response.Headers.RetryAfter = ImageCheckSlots.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            // The page's notice for a failed upload ("try again") fits; the words say why.
            return Results.Json(new UploadRefusal(ImageCheckSlots.Busy, UploadRefusal.Busy), statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (!limiter.TryAcquire(client, out var retryAfter))
        {
            return TooMany(context, retryAfter);
        }

        var upload = await ReadBodyAsync(context.Request, cancellationToken);
        if (upload is not { } body)
        {
            return Results.Json(new UploadRefusal(ImageCheck.TooLarge, UploadRefusal.Refused), statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var header = ImageCheck.ReadHeader(body);
        if (!header.IsValid)
        {
            return Results.BadRequest(new UploadRefusal(header.Error!, UploadRefusal.Refused));
        }

        if (!limiter.TryAcquireForPixels(client, header.Value!.Pixels, out retryAfter))
        {
            return TooMany(context, retryAfter);
        }

        var image = await check.DecodeAsync(header.Value, cancellationToken);
        if (!image.IsValid)
        {
            return Results.BadRequest(new UploadRefusal(image.Error!, UploadRefusal.Refused));
        }

        var kept = await images.KeepImageAsync(board.Id, image.Value!, BoardLimits.MaxImageBytesPerBoard, cancellationToken);
        return kept == ImageKept.BoardFull
            ? Results.Json(new UploadRefusal(BoardImagesFull, UploadRefusal.BoardFull), statusCode: StatusCodes.Status413PayloadTooLarge)
            : Results.Ok(new UploadedImage(image.Value!.Hash, image.Value.Width, image.Value.Height, image.Value.ContentType));
    }

    private static IResult TooMany(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Json(new UploadRefusal(ImageUploadLimiter.Refusal(seconds), UploadRefusal.TooMany), statusCode: StatusCodes.Status429TooManyRequests);
    }

    public static string BoardImagesFull =>
        $"This board's images are full: a board keeps at most {BoardLimits.MaxImageBytesPerBoard / (1024 * 1024)} MB of them.";

    private static async Task<IResult> ServeAsync(
        string key, string hash, HttpContext context, BoardRooms rooms, IBoardImageStore images, CancellationToken cancellationToken)
    {
        if (!ImageHash.IsWellFormed(hash) || await rooms.FindAsync(key, cancellationToken) is not ({ } board, _, not BoardAccess.None))
        {
            return Results.NotFound();
        }

        // The hash names the bytes, so a client that holds them is answered before they are read from the store.
        var entityTag = new EntityTagHeaderValue($"\"{hash}\"");
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(held => held.Compare(entityTag, useStrongComparison: false))
            && await images.HasImageAsync(board.Id, hash, cancellationToken))
        {
            ServedAsAPicture(context.Response);
            context.Response.Headers.ETag = entityTag.ToString();
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        if (await images.ReadImageAsync(board.Id, hash, cancellationToken) is not { } image)
        {
            return Results.NotFound();
        }

        ServedAsAPicture(context.Response);
        return Results.File(image.Bytes, image.ContentType, entityTag: entityTag);
    }

    private static void ServedAsAPicture(HttpResponse response)
    {
        response.Headers.CacheControl = CachedForever;
        response.Headers.ContentSecurityPolicy = ImagePolicy;
        response.Headers.XContentTypeOptions = "nosniff";
    }

    /// <summary>
    /// The request's body, or null when it is over the image limit (said by its length, or found reading it). Read into
    /// one buffer of the length it declares, when it does, and never copied.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > BoardLimits.MaxImageBytes)
        {
            return null;
        }

        // One byte more than the limit, when the length is not declared: reading it is how a longer body is found.
        var buffer = new byte[request.ContentLength is { } declared ? (int)declared : BoardLimits.MaxImageBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length > BoardLimits.MaxImageBytes ? null : buffer.AsMemory(0, length);
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
        public const string Busy = "image-busy";
    }
}
