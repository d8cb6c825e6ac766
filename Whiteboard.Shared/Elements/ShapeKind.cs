namespace Whiteboard.Shared.Elements;

public enum ShapeKind
{
    Line,
    Arrow,
    Rectangle,
    Ellipse,
}
