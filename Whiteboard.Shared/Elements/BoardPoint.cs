namespace Whiteboard.Shared.Elements;

/// <summary>A place on the board, in board units.</summary>
public readonly record struct BoardPoint(float X, float Y)
{
    public BoardPoint MovedBy(float dx, float dy) => new(X + dx, Y + dy);
}
