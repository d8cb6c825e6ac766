namespace Whiteboard.App.Boards;

/// <summary>What a link lets its holder do on a board.</summary>
public enum BoardAccess
{
    /// <summary>The link no longer opens the board (its edit key was replaced).</summary>
    None,

    /// <summary>Watch, and export; every change is refused.</summary>
    View,

    /// <summary>Draw, edit, rename and share.</summary>
    Edit,
}
