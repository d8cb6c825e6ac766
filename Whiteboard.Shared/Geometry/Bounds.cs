namespace Whiteboard.Shared.Geometry;

/// <summary>An axis-aligned box in board units.</summary>
public readonly record struct Bounds(float MinX, float MinY, float MaxX, float MaxY)
{
    public float Width => MaxX - MinX;

    public float Height => MaxY - MinY;

    public static Bounds Around(float x1, float y1, float x2, float y2) =>
        new(MathF.Min(x1, x2), MathF.Min(y1, y2), MathF.Max(x1, x2), MathF.Max(y1, y2));

    public Bounds Inflate(float by) => new(MinX - by, MinY - by, MaxX + by, MaxY + by);

    public Bounds Union(Bounds other) =>
        new(MathF.Min(MinX, other.MinX), MathF.Min(MinY, other.MinY), MathF.Max(MaxX, other.MaxX), MathF.Max(MaxY, other.MaxY));

    public Bounds MovedBy(float dx, float dy) => new(MinX + dx, MinY + dy, MaxX + dx, MaxY + dy);

    public bool Contains(float x, float y) => x >= MinX && x <= MaxX && y >= MinY && y <= MaxY;

    public bool Contains(Bounds other) =>
        other.MinX >= MinX && other.MaxX <= MaxX && other.MinY >= MinY && other.MaxY <= MaxY;

    public bool Intersects(Bounds other) =>
        other.MinX <= MaxX && other.MaxX >= MinX && other.MinY <= MaxY && other.MaxY >= MinY;
}
