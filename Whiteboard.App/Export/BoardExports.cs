using System.Text;
using System.Text.Json;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Rendering;

namespace Whiteboard.App.Export;

/// <summary>
/// Downloads of a board, by either of its links: JSON (the versioned board file that import reads)
/// and SVG (drawn by the renderer that draws the canvas). PNG is made in the browser, from what it shows.
/// </summary>
public static class BoardExports
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapBoardExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/b/{key}/export.json", (string key, BoardRooms rooms, CancellationToken cancellationToken) =>
            ExportAsync(key, rooms, "json", "application/json",
                (name, elements) => JsonSerializer.SerializeToUtf8Bytes(BoardDocument.Of(name, elements), Json), cancellationToken));
        app.MapGet("/b/{key}/export.svg", (string key, BoardRooms rooms, CancellationToken cancellationToken) =>
            ExportAsync(key, rooms, "svg", "image/svg+xml",
                (_, elements) => Encoding.UTF8.GetBytes(SvgCanvas.Render(elements)), cancellationToken));
    }

    /// <summary>A file name made of the board's name, safe on every system.</summary>
    public static string FileName(string boardName, string extension)
    {
        var safe = new string(boardName.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : ' ').ToArray());
        var words = string.Join('-', safe.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return $"{(words.Length == 0 ? "board" : words)}.{extension}";
    }

    private static async Task<IResult> ExportAsync(
        string key, BoardRooms rooms, string extension, string contentType,
        Func<string, IReadOnlyList<Shared.Elements.BoardElement>, byte[]> write, CancellationToken cancellationToken)
    {
        try
        {
            if (await rooms.FindAsync(key, cancellationToken) is not ({ } board, _, not BoardAccess.None))
            {
                return Results.NotFound("There is no board at this link.");
            }

            var (current, elements) = await rooms.ReadAsync(board, cancellationToken);
            return Results.File(write(current.Name, elements), contentType, FileName(current.Name, extension));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Results.Problem(StoreFailure.Describe(exception), statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The board cannot be read right now.");
        }
    }
}
