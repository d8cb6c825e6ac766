namespace Whiteboard.App.Components.Board;

/// <summary>A drawing tool as the toolbar offers it; <see cref="Name"/> is what the canvas script knows it by.</summary>
public sealed record BoardTool(string Name, string Label, string Icon, char Shortcut)
{
    public string TestId => $"tool-{Name}";

    public string Tooltip => $"{Label} ({char.ToUpperInvariant(Shortcut)})";
}

/// <summary>Every tool, in toolbar order. The shortcuts are mirrored in <c>BoardCanvas.razor.js</c>.</summary>
public static class BoardTools
{
    public static readonly IReadOnlyList<BoardTool> All =
    [
        new("select", "Select", "arrow_selector_tool", 'v'),
        new("pen", "Pen", "edit", 'p'),
        new("line", "Line", "horizontal_rule", 'l'),
        new("arrow", "Arrow", "arrow_right_alt", 'a'),
        new("rect", "Rectangle", "rectangle", 'r'),
        new("ellipse", "Ellipse", "circle", 'o'),
        new("text", "Text", "title", 't'),
        new("eraser", "Eraser", "ink_eraser", 'e'),
    ];

    public const string Default = "pen";
}
