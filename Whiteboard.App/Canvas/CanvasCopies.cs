using Whiteboard.Shared.Documents;

namespace Whiteboard.App.Canvas;

/// <summary>Copies made for the page (a duplicate, a paste): the elements it sends as one "add" edit, and the selection they make.</summary>
public sealed record CanvasCopies(IReadOnlyList<ElementRecord> Records, CanvasSelection Selection);
