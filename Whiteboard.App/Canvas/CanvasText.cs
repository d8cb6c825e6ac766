namespace Whiteboard.App.Canvas;

/// <summary>
/// A text or a note as the browser's editor opens on it (a double click): its id, its kind ("text" or "note"), its
/// top-left corner, its content, and its look as a message carries it (text: ink color and width; note: paper and side).
/// </summary>
public sealed record CanvasText(string Id, string Kind, float X, float Y, string Content, string Color, float Width);
