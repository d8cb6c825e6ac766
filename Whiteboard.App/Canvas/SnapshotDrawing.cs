using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Canvas;

/// <summary>A snapshot drawn: its entries, bytes and layout (with its strings), read by every batch that starts from it and changed by none.</summary>
public sealed record SnapshotDrawing(IReadOnlyList<CanvasEntry> Entries, byte[] Bytes, CanvasLayout Layout)
{
    private static readonly ConditionalWeakTable<BoardSnapshot, Lazy<SnapshotDrawing>> Drawings = new();

    /// <summary>The commands, as they are in <see cref="Bytes"/> after each entry's count.</summary>
    public ReadOnlySpan<float> Numbers => MemoryMarshal.Cast<byte, float>(Bytes.AsSpan(Entries.Count * sizeof(int)));

    /// <summary>
    /// A snapshot drawn once, however many join the board at that point: a classroom opening a large board
    /// together would otherwise draw its million points once for each person (20 to 50 ms and 16 MB each).
    /// A room hands out the same snapshot until the board changes, so it is the key.
    /// </summary>
    public static SnapshotDrawing Of(BoardSnapshot snapshot) => Drawings.GetValue(snapshot, Draw).Value;

    private static Lazy<SnapshotDrawing> Draw(BoardSnapshot snapshot) => new(() =>
    {
        var drawn = new DisplayListWriter();
        drawn.EnsureCapacity(NumbersFor(snapshot.Elements));
        drawn.Emit("reset", null);
        foreach (var element in snapshot.Elements)
        {
            drawn.Put(element);
        }

        return new SnapshotDrawing(drawn.Entries, drawn.Bytes(), drawn.Layout());
    });

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
}
