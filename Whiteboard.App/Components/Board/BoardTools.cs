using MudBlazor;

namespace Whiteboard.App.Components.Board;

/// <summary>A drawing tool as the toolbar offers it; <see cref="Name"/> is what the canvas script knows it by.</summary>
public sealed record BoardTool(string Name, string Label, string Icon, char Shortcut)
{
    public string TestId => $"tool-{Name}";

    public string Tooltip => $"{Label} ({char.ToUpperInvariant(Shortcut)})";
}

/// <summary>Every tool, in toolbar order. The shortcuts are mirrored in <c>wwwroot/board/shared-numbers.js</c> (a unit test proves both agree).</summary>
public static class BoardTools
{
    public static readonly IReadOnlyList<BoardTool> All =
    [
        new("select", "Select", Icons.Material.Filled.NearMe, 'v'),
        new("pen", "Pen", Icons.Material.Filled.Edit, 'p'),
        new("line", "Line", Icons.Material.Filled.HorizontalRule, 'l'),
        new("arrow", "Arrow", Icons.Material.Filled.ArrowRightAlt, 'a'),
        new("rect", "Rectangle", Icons.Material.Outlined.CropSquare, 'r'),
        new("ellipse", "Ellipse", Icons.Material.Outlined.Circle, 'o'),
        new("text", "Text", Icons.Material.Filled.TextFields, 't'),
        new("note", "Sticky note", Icons.Material.Filled.StickyNote2, 'n'),
        new("eraser", "Eraser", Icons.Material.Filled.AutoFixNormal, 'e'),
        new("laser", "Laser pointer", Icons.Material.Filled.Highlight, 'k'),
    ];

    public const string Default = "pen";
}
