using System.Text.Json;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.Documents;

/// <summary>
/// A board file read back for import (its chat too, from version 2 on; its images' bytes from version 4 on; its history,
/// when it carries it, from version 5 on): all or nothing,
/// with the reason when nothing. The images' bytes are only read here: the app checks them as it checks an upload.
/// </summary>
public sealed record ImportedBoard(string Name, IReadOnlyList<BoardElement> Elements, IReadOnlyList<ChatMessage> Chat)
{
    /// <summary>The bytes of each image the elements (or the history) show, by the hash the elements name it by.</summary>
    public IReadOnlyDictionary<string, byte[]> Images { get; init; } = new Dictionary<string, byte[]>();

    /// <summary>
    /// The board's whole history, from a file that carries it (version 5): the board then keeps it, and its elements are
    /// their authors', as the history made them. Null for a file without it: the elements are then the importer's.
    /// </summary>
    public WholeHistory? History { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A board of these elements and no chat.</summary>
    public ImportedBoard(string name, IReadOnlyList<BoardElement> elements)
        : this(name, elements, [])
    {
    }

    /// <summary>Reads a board file; every element is credited to <paramref name="importer"/>.</summary>
    public static Validated<ImportedBoard> Read(ReadOnlySpan<byte> utf8Json, ParticipantId importer)
    {
        if (utf8Json.Length > BoardLimits.MaxImportBytes)
        {
            return Reject($"The file is too large: a board file may have at most {BoardLimits.MaxImportBytes / (1024 * 1024)} MB.");
        }

        BoardDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<BoardDocument>(utf8Json, Json);
        }
        catch (JsonException exception)
        {
            return Reject($"The file is not a Whiteboard board: it is not valid JSON of that shape ({exception.Message})");
        }

        if (document?.Format != BoardDocument.FormatName)
        {
            return Reject($"The file is not a Whiteboard board: its \"format\" is not \"{BoardDocument.FormatName}\".");
        }

        if (document.Version > BoardDocument.CurrentVersion)
        {
            return Reject($"The file was made by a newer Whiteboard (format version {document.Version}); "
                + $"this one reads version {BoardDocument.CurrentVersion}. Update Whiteboard to import it.");
        }

        if (document.Version < 1 || document.Elements is null)
        {
            return Reject("The file is not a Whiteboard board: it has no version or no elements.");
        }

        if (document.Elements.Length > BoardLimits.MaxElementsPerBoard)
        {
            return Reject($"The file holds {document.Elements.Length} elements; a board holds at most {BoardLimits.MaxElementsPerBoard}.");
        }

        var name = document.Name is null ? Validated<string>.Ok(BoardName.Default) : BoardName.Parse(document.Name);
        if (!name.IsValid)
        {
            return Reject(name.Error!);
        }

        var elements = new List<BoardElement>(document.Elements.Length);
        var ids = new HashSet<ElementId>();
        for (var i = 0; i < document.Elements.Length; i++)
        {
            var element = ElementReader.Read(document.Elements[i], importer);
            if (!element.IsValid)
            {
                return Reject($"Element {i} of the file cannot be imported. {element.Error}");
            }

            if (!ids.Add(element.Value!.Id))
            {
                return Reject($"Element {i} of the file has the same id as an earlier one.");
            }

            elements.Add(element.Value);
        }

        var chat = new List<ChatMessage>(document.Chat?.Length ?? 0);
        foreach (var record in document.Chat ?? [])
        {
            var message = ChatRecord.Read(record, chat.Count + 1);
            if (!message.IsValid)
            {
                return Reject($"Chat message {chat.Count} of the file cannot be imported. {message.Error}");
            }

            chat.Add(message.Value!);
        }

        var images = new Dictionary<string, byte[]>();
        foreach (var record in document.Images ?? [])
        {
            var image = ImageRecord.Read(record);
            if (!image.IsValid)
            {
                return Reject($"Image {images.Count} of the file cannot be imported. {image.Error}");
            }

            images[image.Value.Hash] = image.Value.Bytes;
        }

        if (elements.OfType<Image>().FirstOrDefault(image => !images.ContainsKey(image.Hash)) is { } missing)
        {
            return Reject($"Element {missing.Id} of the file shows an image whose bytes the file does not carry.");
        }

        if ((BoardSize.Of(elements) + chat.Aggregate(default(BoardSize), (total, message) => total + BoardSize.Of(message))).LimitExceeded is { } limit)
        {
            return Reject($"The file holds more than a board may: {limit}.");
        }

        var board = new ImportedBoard(name.Value!, elements, chat);
        if (document.History is not null)
        {
            var withHistory = WithHistory(board, document.History);
            if (!withHistory.IsValid)
            {
                return withHistory;
            }

            board = withHistory.Value!;
        }

        var shown = board.Elements.OfType<Image>().Select(image => image.Hash).Concat(board.History?.Images() ?? []).ToHashSet();
        if (shown.FirstOrDefault(hash => !images.ContainsKey(hash)) is { } notCarried)
        {
            return Reject($"The file's history shows image {notCarried}, whose bytes the file does not carry.");
        }

        return Validated<ImportedBoard>.Ok(board with { Images = images.Where(image => shown.Contains(image.Key)).ToDictionary() });
    }

    /// <summary>The board with its history, which must lead to the file's elements and chat; the elements are then the history's.</summary>
    private static Validated<ImportedBoard> WithHistory(ImportedBoard board, HistoryDocument document)
    {
        var history = WholeHistory.Read(document, out var state);
        if (!history.IsValid)
        {
            return Reject(history.Error!);
        }

        var finished = state.Elements().Where(element => element.IsFinished).ToList();
        string Written(IEnumerable<BoardElement> elements) =>
            JsonSerializer.Serialize(elements.Select(element => ElementRecord.Of(element, withAuthor: false)), Json);
        if (Written(finished) != Written(board.Elements) || state.Chat().Count != board.Chat.Count)
        {
            return Reject("The file's history does not lead to its elements and chat: the file was changed after it was written.");
        }

        return Validated<ImportedBoard>.Ok(board with { Elements = finished, Chat = state.Chat(), History = history.Value });
    }

    private static Validated<ImportedBoard> Reject(string reason) => Validated<ImportedBoard>.Reject(reason);
}
