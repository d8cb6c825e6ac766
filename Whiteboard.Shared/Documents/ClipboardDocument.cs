using System.Text.Json;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.Documents;

/// <summary>
/// Elements on the system clipboard (Ctrl+C, Ctrl+V), written as an export writes them, under a format name of their
/// own so that a paste recognises this app's clipboard and says so of anything else.
/// </summary>
public sealed record ClipboardDocument(string? Format, int Version, ElementRecord?[]? Elements)
{
    public const string FormatName = "whiteboard-clipboard";

    /// <summary>The version this build writes, and the newest it reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Why a copy, a duplicate or a paste of more than <see cref="BoardLimits.MaxCopyLength"/> is refused.</summary>
    public static readonly string TooLarge =
        $"That is more than one copy may carry ({BoardLimits.MaxCopyLength / 1024} KB of elements): copy or duplicate fewer at once.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Write(IEnumerable<BoardElement> elements) =>
        JsonSerializer.Serialize(new ClipboardDocument(FormatName, CurrentVersion, [.. elements.Select(element => ElementRecord.Of(element, withAuthor: false))]), Json);

    /// <summary>
    /// The elements a clipboard's text holds, read as an import reads them (their author is set when the board takes
    /// them), or why it holds none.
    /// </summary>
    public static Validated<IReadOnlyList<BoardElement>> Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Reject("The clipboard is empty.");
        }

        if (text.Length > BoardLimits.MaxCopyLength)
        {
            return Reject(TooLarge);
        }

        ClipboardDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ClipboardDocument>(text, Json);
        }
        catch (JsonException)
        {
            return Reject("The clipboard does not hold Whiteboard elements (copy them with Ctrl+C on a board).");
        }

        if (document?.Format != FormatName)
        {
            return Reject("The clipboard does not hold Whiteboard elements (copy them with Ctrl+C on a board).");
        }

        if (document.Version > CurrentVersion)
        {
            return Reject("The clipboard's elements come from a newer Whiteboard: update this one to paste them.");
        }

        if (document.Elements is not { Length: > 0 and <= BoardLimits.MaxElementsPerEdit } records)
        {
            return Reject($"The clipboard must hold 1 to {BoardLimits.MaxElementsPerEdit} elements.");
        }

        var elements = new List<BoardElement>(records.Length);
        for (var i = 0; i < records.Length; i++)
        {
            var element = ElementReader.Read(records[i], creditedTo: default(ParticipantId));
            if (!element.IsValid)
            {
                return Reject($"Element {i} of the clipboard cannot be pasted. {element.Error}");
            }

            elements.Add(element.Value!);
        }

        return BoardSize.Of(elements).LimitExceeded is { } limit
            ? Reject($"The clipboard holds more than a board may: {limit}.")
            : Validated<IReadOnlyList<BoardElement>>.Ok(elements);
    }

    private static Validated<IReadOnlyList<BoardElement>> Reject(string reason) => Validated<IReadOnlyList<BoardElement>>.Reject(reason);
}
