using System.Text.Json.Serialization;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.State;

namespace Whiteboard.Shared.Documents;

/// <summary>
/// A board as a file (JSON export and import): its name, its elements in drawing order and its chat, oldest first,
/// under a format name and version so that a file from another program or a later version is recognised.
/// Version 1 had no chat, version 2 no notes; both still import. Version 3 came with notes so that an older build,
/// which cannot read a note, says the file is newer than it instead of refusing an element it does not know; version 4
/// with images (their bytes in <see cref="Images"/>), for the same reason; version 5 with the board's whole history
/// (<see cref="History"/>), written only when asked for. A board without images is still written as version 3, which older
/// builds read.
/// </summary>
public sealed record BoardDocument(
    string? Format, int Version, string? Name, ElementRecord?[]? Elements, ChatRecord?[]? Chat = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImageRecord?[]? Images = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HistoryDocument? History = null)
{
    public const string FormatName = "whiteboard";

    /// <summary>The newest version this build reads, and writes for a board with its history.</summary>
    public const int CurrentVersion = 5;

    /// <summary>The version written for a board with images, without its history.</summary>
    public const int VersionWithImages = 4;

    /// <summary>The version written for a board without images or history.</summary>
    public const int VersionWithoutImages = 3;

    /// <summary>The version a file of these elements is written as, with its history or not.</summary>
    public static int VersionFor(IEnumerable<BoardElement> elements, bool withHistory = false) =>
        withHistory ? CurrentVersion : elements.Any(element => element is Image) ? VersionWithImages : VersionWithoutImages;

    /// <summary>The document of a board, without its images' bytes (<see cref="BoardDocumentWriter"/> streams a whole file with them).</summary>
    public static BoardDocument Of(string name, IReadOnlyList<BoardElement> elements, IEnumerable<ChatMessage> chat) =>
        new(FormatName, VersionFor(elements), name, [.. elements.Select(element => ElementRecord.Of(element, withAuthor: false))],
            [.. chat.Select(ChatRecord.Of)]);
}
