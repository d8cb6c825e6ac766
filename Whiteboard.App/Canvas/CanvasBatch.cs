using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Whiteboard.App.Boards;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Rendering;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Canvas;

/// <summary>
/// The C# side of the batched Canvas 2D interop: room updates are drawn here through the shared
/// renderer into one list of display-list entries, sent to the browser in a single interop call.
/// Every entry's numbers go in one buffer of 32-bit floats: a large board's snapshot is millions of
/// coordinates, which as binary need no formatting on the server and no parsing in the browser. The
/// entries themselves go as two strings (<see cref="Layout"/>).
/// </summary>
public sealed class CanvasBatch : ICanvas2D
{
    private const float SetStrokeOp = 1, BeginPathOp = 2, MoveToOp = 3, LineToOp = 4, StrokeOp = 5, ClosePathOp = 6, EllipseOp = 7, FillTextOp = 8;

    private static readonly ConditionalWeakTable<BoardSnapshot, Lazy<SnapshotDrawing>> Drawings = new();

    private readonly List<CanvasEntry> entries = [];
    private readonly Dictionary<int, SeatPointer> pointers = [];
    private readonly List<float> numbers = [];
    private readonly List<string> strings = [];
    private readonly Dictionary<string, int> stringIndexes = [];
    private int entryStart;
    private int lineRun = -1; // where the point count of the line-to run being written is, if one is
    private SnapshotDrawing? onlySnapshot; // what this batch is so far, shared and not yet copied (see StartFrom)

    public IReadOnlyList<CanvasEntry> Entries => onlySnapshot?.Entries ?? entries;

    /// <summary>The colors and texts the commands of every entry refer to by index.</summary>
    public IReadOnlyList<string> Strings => onlySnapshot?.Layout.Strings ?? strings;

    /// <summary>
    /// What the browser draws the entries with: how many numbers each entry's commands are, as 32-bit integers,
    /// then the commands of every entry, as 32-bit floats (little-endian, what JavaScript's typed arrays read).
    /// </summary>
    /// <remarks>A batch that is only a snapshot shares its bytes with everyone who joined at that point: never change them.</remarks>
    public byte[] Bytes()
    {
        if (onlySnapshot is not null)
        {
            return onlySnapshot.Bytes;
        }

        var counts = entries.Select(entry => entry.Count).ToArray();
        var bytes = new byte[(counts.Length + numbers.Count) * sizeof(float)];
        MemoryMarshal.AsBytes(counts.AsSpan()).CopyTo(bytes);
        MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(numbers)).CopyTo(bytes.AsSpan(counts.Length * sizeof(int)));
        return bytes;
    }

    /// <summary>Everyone on the board as the latest of the updates said, when one of them said it.</summary>
    public IReadOnlyList<Seat>? People { get; private set; }

    /// <summary>Where the pointers that moved are now: the latest position of each.</summary>
    public IReadOnlyList<SeatPointer> Pointers => [.. pointers.Values];

    public static CanvasBatch From(IEnumerable<RoomUpdate> updates)
    {
        var batch = new CanvasBatch();
        foreach (var update in updates)
        {
            batch.Add(update);
        }

        return batch;
    }

    /// <summary>The entries as <c>BoardCanvas.razor.js</c> reads them, beside <see cref="Bytes"/>.</summary>
    public CanvasLayout Layout() => onlySnapshot?.Layout ?? CanvasLayout.Of(entries, strings);

    /// <summary>The commands of one entry of this batch.</summary>
    public ReadOnlySpan<float> CommandsOf(CanvasEntry entry) =>
        (onlySnapshot is null ? CollectionsMarshal.AsSpan(numbers) : onlySnapshot.Numbers).Slice(entry.Start, entry.Count);

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

    public void ClosePath() => Write(ClosePathOp);

    public void Ellipse(float centerX, float centerY, float radiusX, float radiusY) =>
        Write(EllipseOp, centerX, centerY, radiusX, radiusY);

    public void FillText(string text, float x, float y, float size, string color) =>
        Write(FillTextOp, StringIndex(text), x, y, size, StringIndex(color));

    private void Write(params ReadOnlySpan<float> command)
    {
        CopySnapshot();
        lineRun = -1;
        numbers.AddRange(command);
    }

    private int StringIndex(string value)
    {
        CopySnapshot();
        if (!stringIndexes.TryGetValue(value, out var index))
        {
            index = strings.Count;
            strings.Add(value);
            stringIndexes.Add(value, index);
        }

        return index;
    }

    private void Add(RoomUpdate update)
    {
        switch (update)
        {
            case SnapshotUpdate snapshot:
                People = snapshot.People;
                pointers.Clear();
                Move(snapshot.Pointers);
                StartFrom(Drawings.GetValue(snapshot.Snapshot, Drawing).Value);
                break;
            case EventsUpdate events:
                foreach (var boardEvent in events.Events)
                {
                    Add(boardEvent.Change);
                }

                break;
            case PresenceUpdate presence:
                People = presence.People;
                break;
            case PointersUpdate moved:
                Move(moved.Pointers);
                break;
        }
    }

    /// <summary>
    /// A snapshot drawn once, however many join the board at that point: a classroom opening a large board
    /// together would otherwise draw its million points once for each person (20 to 50 ms and 16 MB each).
    /// A room hands out the same snapshot until the board changes, so it is the key.
    /// </summary>
    private static Lazy<SnapshotDrawing> Drawing(BoardSnapshot snapshot) => new(() =>
    {
        var drawn = new CanvasBatch();
        drawn.numbers.EnsureCapacity(NumbersFor(snapshot.Elements));
        drawn.Emit("reset", null);
        foreach (var element in snapshot.Elements)
        {
            drawn.Put(element);
        }

        return new SnapshotDrawing(drawn.entries, drawn.Bytes(), drawn.Layout());
    });

    /// <summary>This batch is a drawn snapshot from here on: shared as it is, copied only if the batch adds to it.</summary>
    private void StartFrom(SnapshotDrawing drawing)
    {
        entries.Clear();
        numbers.Clear();
        strings.Clear();
        stringIndexes.Clear();
        entryStart = 0;
        lineRun = -1;
        onlySnapshot = drawing;
    }

    /// <summary>Before this batch adds to a shared snapshot: its own copy to add to.</summary>
    private void CopySnapshot()
    {
        if (onlySnapshot is not { } drawing)
        {
            return;
        }

        onlySnapshot = null;
        entries.AddRange(drawing.Entries);
        numbers.AddRange(drawing.Numbers);
        foreach (var value in drawing.Layout.Strings)
        {
            stringIndexes.Add(value, strings.Count);
            strings.Add(value);
        }

        entryStart = numbers.Count;
    }

    private void Move(IEnumerable<SeatPointer> moved)
    {
        foreach (var pointer in moved)
        {
            pointers[pointer.Seat] = pointer;
        }
    }

    private void Add(BoardChange change)
    {
        switch (change)
        {
            case StrokeStarted started:
                Put(started.Stroke);
                break;
            case StrokeExtended extended:
                BoardRenderer.DrawStroke(extended.Stroke, extended.From, this);
                Emit("append", extended.Stroke.Id);
                break;
            case ElementFinished finished:
                Emit("done", finished.Element.Id);
                break;
            case ElementsDrawn drawn:
                foreach (var element in drawn.Elements)
                {
                    Put(element);
                }

                break;
            case ElementsErased erased:
                foreach (var id in erased.Elements)
                {
                    Emit("remove", id);
                }

                break;
        }
    }

    /// <summary>Draws an element whole, replacing what the browser shows for its id; a finished one says so in the same entry.</summary>
    private void Put(BoardElement element)
    {
        BoardRenderer.Draw(element, this);
        Emit(element.IsFinished ? "finished" : "put", element.Id);
    }

    private void Emit(string op, ElementId? id)
    {
        CopySnapshot();
        entries.Add(new CanvasEntry(op, id?.Value, entryStart, numbers.Count - entryStart));
        entryStart = numbers.Count;
        lineRun = -1;
    }

    /// <summary>About how many numbers drawing these takes (two a point, a few a path), so a snapshot's buffer grows once.</summary>
    private static int NumbersFor(IReadOnlyList<BoardElement> elements)
    {
        long count = 0;
        foreach (var element in elements)
        {
            count += element is Stroke stroke ? 2L * stroke.Points.Length + 16 : 16;
        }

        return (int)Math.Min(count, Array.MaxLength);
    }

    /// <summary>A snapshot drawn: its entries, bytes and layout (with its strings), read by every batch that starts from it and changed by none.</summary>
    private sealed record SnapshotDrawing(IReadOnlyList<CanvasEntry> Entries, byte[] Bytes, CanvasLayout Layout)
    {
        /// <summary>The commands, as they are in <see cref="Bytes"/> after each entry's count.</summary>
        public ReadOnlySpan<float> Numbers => MemoryMarshal.Cast<byte, float>(Bytes.AsSpan(Entries.Count * sizeof(int)));
    }
}
