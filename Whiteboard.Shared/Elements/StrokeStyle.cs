namespace Whiteboard.Shared.Elements;

/// <summary>
/// How an element looks. Color is normalized lowercase hex (#rrggbb or #rrggbbaa); width is in board units. Fill is
/// a closed shape's inside (normalized hex; null: none), <see cref="Line"/> how a shape's line or outline is drawn,
/// and <see cref="Opacity"/> how much of the element shows (<see cref="Validation.BoardLimits.MinOpacity"/> to 1).
/// The defaults are how every element looked before elements had them.
/// </summary>
public sealed record StrokeStyle(string Color, float Width, string? Fill = null, LineStyle Line = LineStyle.Solid, float Opacity = 1);
