namespace Whiteboard.App.Canvas;

/// <summary>
/// A batch's entries as the browser receives them, in as few values as can be: a snapshot has one entry per
/// element, and the browser's interop reads every JSON value through its revivers (tens of milliseconds
/// for ten thousand entries as objects). Entry i is the letter <c>Ops[i]</c> (<see cref="Letters"/>) on the
/// i-th of the space-separated <c>Ids</c> (empty for a reset); its commands, with their counts, are in
/// <see cref="CanvasBatch.Bytes"/>, and refer to <c>Strings</c> by index.
/// </summary>
public sealed record CanvasLayout(string Ops, string Ids, IReadOnlyList<string> Strings)
{
    /// <summary>The letter of each entry's op, as <c>wwwroot/board/receiver.js</c> reads them.</summary>
    public static readonly IReadOnlyDictionary<string, char> Letters = new Dictionary<string, char>
    {
        ["reset"] = 'r', ["put"] = 'p', ["finished"] = 'f', ["append"] = 'a', ["done"] = 'd', ["remove"] = 'x', ["restack"] = 'o',
    };

    public static CanvasLayout Of(IReadOnlyList<CanvasEntry> entries, IReadOnlyList<string> strings) => new(
        string.Concat(entries.Select(entry => Letters[entry.Op])), string.Join(' ', entries.Select(entry => entry.Id)), strings);
}
