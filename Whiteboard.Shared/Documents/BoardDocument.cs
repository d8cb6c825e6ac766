using Whiteboard.Shared.Elements;
using Whiteboard.Shared.State;

namespace Whiteboard.Shared.Documents;

/// <summary>
/// A board as a file (JSON export and import): its name, its elements in drawing order and its chat, oldest first,
/// under a format name and version so that a file from another program or a later version is recognised.
/// Version 1 had no chat, version 2 no notes; both still import. Version 3 came with notes so that an older build,
/// which cannot read a note, says the file is newer than it instead of refusing an element it does not know.
/// </summary>
public sealed record BoardDocument(string? Format, int Version, string? Name, ElementRecord?[]? Elements, ChatRecord?[]? Chat = null)
{
    public const string FormatName = "whiteboard";

    /// <summary>The version this build writes, and the newest it reads.</summary>
    public const int CurrentVersion = 3;

    public static BoardDocument Of(string name, IEnumerable<BoardElement> elements, IEnumerable<ChatMessage> chat) =>
        new(FormatName, CurrentVersion, name, [.. elements.Select(element => ElementRecord.Of(element, withAuthor: false))],
            [.. chat.Select(ChatRecord.Of)]);
}
