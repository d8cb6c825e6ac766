using System.Text;
using Whiteboard.App.Boards;
using Whiteboard.App.History;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Rendering;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Export;

/// <summary>
/// Downloads of a board, by either of its links: JSON (the versioned board file that import reads)
/// and SVG (drawn by the renderer that draws the canvas), each written straight to the response, and
/// at most <see cref="ExportSlots.PerInstance"/> at once. PNG is made in the browser, from what it shows.
/// </summary>
public static partial class BoardExports
{
    private delegate Task Writer(
        Stream body, string name, IReadOnlyList<BoardElement> elements, IReadOnlyList<ChatMessage> chat, CancellationToken cancellationToken,
        Func<string, CancellationToken, Task<ImageRecord?>> readImage, WholeHistory? history);

    public static void MapBoardExports(this IEndpointRouteBuilder app)
    {
        var slots = new ExportSlots(ExportSlots.PerInstance);
        // ?history=true adds the board's whole history (format version 5); off by default, as it can weigh far more than the board.
        app.MapGet("/b/{key}/export.json", (string key, bool? history, BoardRooms rooms, HttpContext context) =>
            ExportAsync(context, key, rooms, slots, "json", "application/json", BoardDocumentWriter.WriteAsync, history == true))
            .WithMetadata(slots);
        app.MapGet("/b/{key}/export.svg", (string key, BoardRooms rooms, HttpContext context) =>
            ExportAsync(context, key, rooms, slots, "svg", "image/svg+xml", WriteSvgAsync, withHistory: false))
            .WithMetadata(slots);
    }

    /// <summary>A file name made of the board's name, safe on every system.</summary>
    public static string FileName(string boardName, string extension)
    {
        var safe = new string(boardName.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : ' ').ToArray());
        var words = string.Join('-', safe.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return $"{(words.Length == 0 ? "board" : words)}.{extension}";
    }

    private static async Task ExportAsync(
        HttpContext context, string key, BoardRooms rooms, ExportSlots slots, string extension, string contentType, Writer write, bool withHistory)
    {
        using var slot = slots.TryTake(context.Connection.RemoteIpAddress);
        if (slot is null)
        {
            context.Response.Headers.RetryAfter = ExportSlots.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Results.Text(
                $"Too many downloads are being made right now. Try again in {ExportSlots.RetryAfterSeconds} seconds.",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            return;
        }

        await ReadAndWriteAsync(context, key, rooms, extension, contentType, write, withHistory);
    }

    private static async Task ReadAndWriteAsync(
        HttpContext context, string key, BoardRooms rooms, string extension, string contentType, Writer write, bool withHistory)
    {
        var cancellationToken = context.RequestAborted;
        BoardContent content;
        (WholeHistory History, BoardState Board)? whole = null;
        try
        {
            if (await rooms.FindAsync(key, cancellationToken) is not ({ } board, _, not BoardAccess.None))
            {
                await Results.NotFound("There is no board at this link.").ExecuteAsync(context);
                return;
            }

            content = await rooms.ReadAsync(board, cancellationToken);
            if (withHistory)
            {
                whole = await context.RequestServices.GetRequiredService<BoardHistory>().WholeAsync(board.Id, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The person is told the plain reason; the operator's log gets the exception.
            LogReadFailed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BoardExports)), exception);
            await Results.Problem(StoreFailure.Describe(exception), statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The board cannot be read right now.").ExecuteAsync(context);
            return;
        }

        var name = content.Record.Name;
        var images = context.RequestServices.GetRequiredService<IBoardImageStore>();
        // With its history, the file's board is the one the history leads to, so that an import can check the one against the other.
        var (elements, chat) = whole is { Board: var replayed }
            ? ([.. replayed.Elements().Where(element => element.IsFinished)], replayed.Chat())
            : (content.Elements, content.Chat);
        var readImage = ExportedImages.Reader(images, content.Record.Id);
        // Without its history a board's file always imports (BoardLimits.MaxImportBytes is made for it); a long history can
        // make it larger than an import takes, and a file that cannot be imported again is refused rather than sent.
        if (whole is { History: var history }
            && await ExportedSize.OfAsync(name, elements, chat, readImage, history, cancellationToken) is var size and > BoardLimits.MaxImportBytes)
        {
            await Results.Problem(
                $"With its history this board's file would take {size / (1024 * 1024)} MB, more than an import takes "
                + $"({BoardLimits.MaxImportBytes / (1024 * 1024)} MB): export it without its history.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "The board's history is too long to export.").ExecuteAsync(context);
            return;
        }

        await Results.Stream(body => write(body, name, elements, chat, cancellationToken, readImage, whole?.History),
            contentType, FileName(name, extension)).ExecuteAsync(context);
    }

    /// <summary>A picture of the board, standing alone: its images are in it as data: URLs. The chat is not in it.</summary>
    private static async Task WriteSvgAsync(
        Stream body, string name, IReadOnlyList<BoardElement> elements, IReadOnlyList<ChatMessage> chat, CancellationToken cancellationToken,
        Func<string, CancellationToken, Task<ImageRecord?>> readImage, WholeHistory? history)
    {
        var sources = await ExportedImages.DataUrlsAsync(elements, readImage, cancellationToken);
        await using var text = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
        await SvgCanvas.WriteAsync(elements, text, cancellationToken, sources.GetValueOrDefault);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A board could not be read for an export.")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
