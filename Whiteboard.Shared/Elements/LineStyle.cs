namespace Whiteboard.Shared.Elements;

/// <summary>How a shape's line or outline is drawn (see <see cref="Rendering.LineDashes"/> for the dash patterns).</summary>
public enum LineStyle
{
    Solid,
    Dashed,
    Dotted,
}

/// <summary>The names messages and files give line styles.</summary>
public static class LineStyles
{
    public static readonly IReadOnlyDictionary<string, LineStyle> Names = new Dictionary<string, LineStyle>
    {
        ["solid"] = LineStyle.Solid,
        ["dashed"] = LineStyle.Dashed,
        ["dotted"] = LineStyle.Dotted,
    };

    public static string NameOf(LineStyle line) => Names.First(name => name.Value == line).Key;
}
