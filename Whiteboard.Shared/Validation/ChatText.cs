namespace Whiteboard.Shared.Validation;

/// <summary>What a chat message may say: plain text, trimmed, never empty, lines allowed, never markup.</summary>
public static class ChatText
{
    /// <summary>The text, trimmed and with "\r\n" as "\n"; or why it is refused.</summary>
    public static Validated<string> Parse(string? text)
    {
        var trimmed = text?.Replace("\r\n", "\n").Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return Validated<string>.Reject("A chat message must not be empty.");
        }

        if (trimmed.Length > BoardLimits.MaxChatLength)
        {
            return Validated<string>.Reject($"A chat message may have at most {BoardLimits.MaxChatLength:N0} characters; it had {trimmed.Length:N0}.");
        }

        if (trimmed.Any(c => char.IsControl(c) && c != '\n'))
        {
            return Validated<string>.Reject("A chat message may not contain control characters other than line breaks.");
        }

        return MessageValidator.HasNoncharacterOrLoneSurrogate(trimmed)
            ? Validated<string>.Reject($"A chat message {MessageValidator.NoncharactersRefused}")
            : Validated<string>.Ok(trimmed);
    }
}
