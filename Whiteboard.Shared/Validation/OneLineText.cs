namespace Whiteboard.Shared.Validation;

/// <summary>A short piece of plain text on one line (a board's name, a person's name): trimmed, never empty, never markup.</summary>
public static class OneLineText
{
    /// <summary>The text, trimmed; or why it is refused, naming <paramref name="subject"/> ("A board's name").</summary>
    public static Validated<string> Parse(string? text, string subject, int maxLength)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return Validated<string>.Reject($"{subject} must not be empty.");
        }

        if (trimmed.Length > maxLength)
        {
            return Validated<string>.Reject($"{subject} may have at most {maxLength} characters; it had {trimmed.Length}.");
        }

        if (trimmed.Any(char.IsControl))
        {
            return Validated<string>.Reject($"{subject} must be one line of text.");
        }

        return MessageValidator.HasNoncharacterOrLoneSurrogate(trimmed)
            ? Validated<string>.Reject($"{subject} {MessageValidator.NoncharactersRefused}")
            : Validated<string>.Ok(trimmed);
    }
}
