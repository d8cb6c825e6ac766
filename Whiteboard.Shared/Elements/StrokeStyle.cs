namespace Whiteboard.Shared.Elements;

/// <summary>How a stroke looks. Color is normalized lowercase hex (#rrggbb or #rrggbbaa); width is in board units.</summary>
public sealed record StrokeStyle(string Color, float Width);
