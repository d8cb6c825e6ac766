namespace Whiteboard.Shared.Validation;

/// <summary>What a board is called: plain text of one line, shown as text and never as markup.</summary>
public static class BoardName
{
    public const string Default = "Untitled board";

    public static Validated<string> Parse(string? text)
    {
        var name = text?.Trim() ?? "";
        if (name.Length == 0)
        {
            return Validated<string>.Reject("A board's name must not be empty.");
        }

        if (name.Length > BoardLimits.MaxNameLength)
        {
            return Validated<string>.Reject($"A board's name may have at most {BoardLimits.MaxNameLength} characters; it had {name.Length}.");
        }

        return name.Any(char.IsControl)
            ? Validated<string>.Reject("A board's name must be one line of text.")
            : Validated<string>.Ok(name);
    }
}
