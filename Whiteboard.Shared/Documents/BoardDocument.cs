using Whiteboard.Shared.Elements;
using Whiteboard.Shared.State;

namespace Whiteboard.Shared.Documents;

/// <summary>
/// A board as a file (JSON export and import): its name, its elements in drawing order and its chat, oldest first,
/// under a format name and version so that a file from another program or a later version is recognised.
/// Version 1 had no chat; it still imports.
/// </summary>
public sealed record BoardDocument(string? Format, int Version, string? Name, ElementRecord?[]? Elements, ChatRecord?[]? Chat = null)
{
    public const string FormatName = "whiteboard";

    /// <summary>The version this build writes, and the newest it reads.</summary>
    public const int CurrentVersion = 2;

    public static BoardDocument Of(string name, IEnumerable<BoardElement> elements, IEnumerable<ChatMessage> chat) =>
        new(FormatName, CurrentVersion, name, [.. elements.Select(element => ElementRecord.Of(element, withAuthor: false))],
            [.. chat.Select(ChatRecord.Of)]);
}
