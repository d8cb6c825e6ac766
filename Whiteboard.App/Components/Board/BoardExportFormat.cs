namespace Whiteboard.App.Components.Board;

/// <summary>What the share dialog's download buttons ask for.</summary>
public enum BoardExportFormat
{
    /// <summary>A picture of the board as this person sees it (their pan and zoom).</summary>
    PngAsShown,

    /// <summary>A picture of everything on the board, at 100 %.</summary>
    PngOfEverything,

    Svg,

    /// <summary>The board file that import reads.</summary>
    Json,
}
