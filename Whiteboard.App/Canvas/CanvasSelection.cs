using Whiteboard.Shared.Geometry;

namespace Whiteboard.App.Canvas;

/// <summary>What the select tool holds, as the browser draws it: the elements' ids and the box around them.</summary>
public sealed record CanvasSelection(IReadOnlyList<string> Ids, Bounds Bounds);
