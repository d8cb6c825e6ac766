using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Rendering;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Canvas;

/// <summary>
/// Encodes what the shared renderer draws as display-list entries for the browser. Every entry's numbers
/// go in one buffer of 32-bit floats: a large board's snapshot is millions of coordinates, which as binary
/// need no formatting on the server and no parsing in the browser. Colors and texts go once each, as
/// strings the commands refer to by index.
/// </summary>
public sealed class DisplayListWriter : ICanvas2D
{
    private const float SetStrokeOp = 1, BeginPathOp = 2, MoveToOp = 3, LineToOp = 4, StrokeOp = 5, ClosePathOp = 6, EllipseOp = 7, FillTextOp = 8, FillOp = 9, SetAlphaOp = 10, SetLineDashOp = 11, DrawImageOp = 12;

    private readonly List<CanvasEntry> entries = [];
    private readonly List<float> numbers = [];
    private readonly List<string> strings = [];
    private readonly Dictionary<string, int> stringIndexes = [];
    private int entryStart;
    private int lineRun = -1; // where the point count of the line-to run being written is, if one is

    public IReadOnlyList<CanvasEntry> Entries => entries;

    public IReadOnlyList<string> Strings => strings;

    /// <summary>The commands of every entry, one after another.</summary>
    public ReadOnlySpan<float> Numbers => CollectionsMarshal.AsSpan(numbers);

    /// <summary>How many numbers each entry's commands are, as 32-bit integers, then the commands of every entry, as 32-bit floats.</summary>
    public byte[] Bytes()
    {
        var counts = entries.Select(entry => entry.Count).ToArray();
        var bytes = new byte[(counts.Length + numbers.Count) * sizeof(float)];
        MemoryMarshal.AsBytes(counts.AsSpan()).CopyTo(bytes);
        MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(numbers)).CopyTo(bytes.AsSpan(counts.Length * sizeof(int)));
        return bytes;
    }

    public CanvasLayout Layout() => CanvasLayout.Of(entries, strings);

    /// <summary>Makes room for about this many numbers at once, so a large drawing's buffer grows once.</summary>
    public void EnsureCapacity(int count) => numbers.EnsureCapacity(count);

    public void Clear()
    {
        entries.Clear();
        numbers.Clear();
        strings.Clear();
        stringIndexes.Clear();
        entryStart = 0;
        lineRun = -1;
    }

    /// <summary>Adds a drawn snapshot's entries, numbers and strings, to write more after them.</summary>
    public void Append(SnapshotDrawing drawing)
    {
        entries.AddRange(drawing.Entries);
        numbers.AddRange(drawing.Numbers);
        foreach (var value in drawing.Layout.Strings)
        {
            stringIndexes.Add(value, strings.Count);
            strings.Add(value);
        }

        entryStart = numbers.Count;
    }

    /// <summary>Draws an element whole, replacing what the browser shows for its id; a finished one says so in the same entry.</summary>
    public void Put(BoardElement element)
    {
        BoardRenderer.Draw(element, this);
        Emit(element.IsFinished ? "finished" : "put", element.Id);
    }

    /// <summary>Ends an entry: the commands written since the last one, under <paramref name="op"/> (see <see cref="CanvasEntry"/>).</summary>
    public void Emit(string op, ElementId? id)
    {
        entries.Add(new CanvasEntry(op, id?.Value, entryStart, numbers.Count - entryStart));
        entryStart = numbers.Count;
        lineRun = -1;
    }

    /// <summary>
    /// Places an element in the drawing order: over the element whose id is the entry's one string index (see
    /// <see cref="Strings"/>), or at the bottom when the entry has no numbers.
    /// </summary>
    public void Restack(StackPlace place)
    {
        if (place.Above is { } above)
        {
            Write(StringIndex(above.Value));
        }

        Emit("restack", place.Element);
    }

    public void SetStroke(string color, float width) => Write(SetStrokeOp, StringIndex(color), width);

    public void BeginPath() => Write(BeginPathOp);

    public void MoveTo(float x, float y) => Write(MoveToOp, x, y);

    /// <summary>Lines in a row go as one run: line-to, how many points, then the points (8 bytes a point, not 12).</summary>
    /// <remarks>Optimized from its first call: a large board's snapshot passes a million points through here
    /// when someone opens it, too soon for the runtime to have recompiled it from its quick first version.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void LineTo(float x, float y)
    {
        if (lineRun < 0)
        {
            Write(LineToOp, 0);
            lineRun = numbers.Count - 1;
        }

        numbers[lineRun]++;
        numbers.Add(x);
        numbers.Add(y);
    }

    public void Stroke() => Write(StrokeOp);

    public void Fill(string color) => Write(FillOp, StringIndex(color));

    public void SetAlpha(float alpha) => Write(SetAlphaOp, alpha);

    public void SetLineDash(float dash, float gap) => Write(SetLineDashOp, dash, gap);

    public void ClosePath() => Write(ClosePathOp);

    public void Ellipse(float centerX, float centerY, float radiusX, float radiusY) =>
        Write(EllipseOp, centerX, centerY, radiusX, radiusY);

    public void FillText(string text, float x, float y, float size, string color) =>
        Write(FillTextOp, StringIndex(text), x, y, size, StringIndex(color));

    public void DrawImage(string hash, float x, float y, float width, float height) =>
        Write(DrawImageOp, StringIndex(hash), x, y, width, height);

    private void Write(params ReadOnlySpan<float> command)
    {
        lineRun = -1;
        numbers.AddRange(command);
    }

    private int StringIndex(string value)
    {
        if (!stringIndexes.TryGetValue(value, out var index))
        {
            index = strings.Count;
            strings.Add(value);
            stringIndexes.Add(value, index);
        }

        return index;
    }
}
