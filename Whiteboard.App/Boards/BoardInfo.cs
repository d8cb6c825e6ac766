using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Boards;

/// <summary>
/// A board as one participant may know it: its name, what their link lets them do, and the links
/// they may hand out (the edit key only to those who can edit).
/// </summary>
public sealed record BoardInfo(string Name, BoardAccess Access, BoardKey? EditKey, BoardKey ViewKey, DateTimeOffset Changed);
