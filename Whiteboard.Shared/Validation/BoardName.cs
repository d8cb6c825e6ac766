namespace Whiteboard.Shared.Validation;

/// <summary>What a board is called: plain text of one line, shown as text and never as markup.</summary>
public static class BoardName
{
    public const string Default = "Untitled board";

    public static Validated<string> Parse(string? text) => OneLineText.Parse(text, "A board's name", BoardLimits.MaxNameLength);
}
