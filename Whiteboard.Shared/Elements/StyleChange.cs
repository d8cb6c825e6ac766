namespace Whiteboard.Shared.Elements;

/// <summary>
/// The parts of a style a restyle changes; null parts stay as each element has them. <see cref="Fill"/> is a color,
/// or <see cref="NoFill"/> to take the fill away.
/// </summary>
public sealed record StyleChange(string? Color = null, float? Width = null, string? Fill = null, LineStyle? Line = null, float? Opacity = null)
{
    public const string NoFill = "none";

    public bool IsEmpty => this is { Color: null, Width: null, Fill: null, Line: null, Opacity: null };

    /// <summary>The element's style with the parts it takes changed (a fill only for what takes one, and so on).</summary>
    public StrokeStyle ApplyTo(BoardElement element, StrokeStyle style) => style with
    {
        Color = Color is not null && ElementStyles.TakesInk(element) ? Color : style.Color,
        Width = Width is { } width && ElementStyles.TakesInk(element) ? width : style.Width,
        Fill = Fill is null || !ElementStyles.TakesFill(element) ? style.Fill : Fill == NoFill ? null : Fill,
        Line = Line is { } line && ElementStyles.TakesLineStyle(element) ? line : style.Line,
        Opacity = Opacity ?? style.Opacity,
    };
}
