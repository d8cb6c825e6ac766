using Whiteboard.Shared.Elements;

namespace Whiteboard.Shared.State;

/// <summary>
/// A growable list of points that only appends. Slots below <see cref="Count"/> are never written
/// again (growth copies into a new array), so every <see cref="View"/> handed out stays valid and
/// unchanged while the stroke goes on growing.
/// </summary>
internal sealed class PointBuffer
{
    private StrokePoint[] items;

    public PointBuffer(int capacity) => items = new StrokePoint[Math.Max(capacity, 16)];

    public int Count { get; private set; }

    public ReadOnlyMemory<StrokePoint> View => items.AsMemory(0, Count);

    public void Append(IReadOnlyList<StrokePoint> points, int skip)
    {
        var needed = Count + points.Count - skip;
        if (needed > items.Length)
        {
            var grown = new StrokePoint[Math.Max(needed, items.Length * 2)];
            Array.Copy(items, grown, Count);
            items = grown;
        }

        for (var i = skip; i < points.Count; i++)
        {
            items[Count++] = points[i];
        }
    }
}
