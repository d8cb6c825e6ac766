namespace Whiteboard.App.Canvas;

/// <summary>
/// One change to the browser's display list, keyed by element. Its commands are a flat number list
/// (opcode, arguments ...): <paramref name="Count"/> numbers from <paramref name="Start"/> in the batch's
/// numbers, strings by their index in <see cref="CanvasBatch.Strings"/>.
/// </summary>
/// <param name="Op">
/// "reset" (forget everything), "put" (draw an element whole, in its place or on top), "finished" (a put
/// of an element its author has finished: one entry, not two, for each element of a snapshot), "append"
/// (more of a growing element), "done" (its author finished it), "remove", or "restack" (a new place in the drawing order:
/// over the element whose id is the string its one number indexes, or at the bottom with no numbers).
/// </param>
public sealed record CanvasEntry(string Op, string? Id, int Start, int Count);
