using Whiteboard.App.Boards;
using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Storage;

/// <summary>What is known about a board besides its content: its name, the keys of its two links, when it last changed.</summary>
public sealed record BoardRecord(BoardId Id, string Name, BoardKey EditKey, BoardKey ViewKey, DateTimeOffset Changed)
{
    public BoardAccess AccessFor(BoardKey key) =>
        key == EditKey ? BoardAccess.Edit : key == ViewKey ? BoardAccess.View : BoardAccess.None;

    /// <summary>The board as the holder of <paramref name="key"/> may know it.</summary>
    public BoardInfo InfoFor(BoardKey key)
    {
        var access = AccessFor(key);
        return new BoardInfo(Name, access, access == BoardAccess.Edit ? EditKey : null, ViewKey, Changed);
    }
}
