using Whiteboard.Shared.Elements;

namespace Whiteboard.Shared.Documents;

/// <summary>
/// A board as a file (JSON export and import): its name and its elements in drawing order, under a
/// format name and version so that a file from another program or a later version is recognised.
/// </summary>
public sealed record BoardDocument(string? Format, int Version, string? Name, ElementRecord?[]? Elements)
{
    public const string FormatName = "whiteboard";

    /// <summary>The version this build writes, and the newest it reads.</summary>
    public const int CurrentVersion = 1;

    public static BoardDocument Of(string name, IEnumerable<BoardElement> elements) =>
        new(FormatName, CurrentVersion, name, [.. elements.Select(element => ElementRecord.Of(element, withAuthor: false))]);
}
