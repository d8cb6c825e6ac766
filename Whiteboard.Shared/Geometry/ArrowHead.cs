using Whiteboard.Shared.Elements;

namespace Whiteboard.Shared.Geometry;

/// <summary>The two barbs of an arrow's head, drawn back from its tip at ±30°.</summary>
public static class ArrowHead
{
    public static float Length(float width) => MathF.Max(12, width * 3);

    public static (BoardPoint Left, BoardPoint Right) Barbs(BoardPoint tail, BoardPoint tip, float width)
    {
        var angle = MathF.Atan2(tip.Y - tail.Y, tip.X - tail.X);
        var length = Length(width);
        const float spread = MathF.PI / 6;
        return (Barb(angle + MathF.PI - spread), Barb(angle + MathF.PI + spread));

        BoardPoint Barb(float direction) => new(tip.X + length * MathF.Cos(direction), tip.Y + length * MathF.Sin(direction));
    }
}
