namespace Whiteboard.App.Canvas;

/// <summary>
/// One change to the browser's display list, keyed by element. Commands are a flat number list
/// (opcode, arguments ...) with strings kept aside, as <c>BoardCanvas.razor.js</c> reads them.
/// </summary>
/// <param name="Op">"reset" (forget everything), "add", "append" (more of a growing element) or "finish".</param>
public sealed record CanvasEntry(string Op, string? Id, IReadOnlyList<float> Commands, IReadOnlyList<string> Strings);
