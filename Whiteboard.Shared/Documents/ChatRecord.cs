using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.Documents;

/// <summary>
/// One chat message written down: in exported files and in stored snapshots, in the chat's order (which numbers
/// them). Untrusted when read back: <see cref="Read"/> holds it to the rules a message was sent under.
/// </summary>
public sealed record ChatRecord(string? Name, string? Color, DateTimeOffset? At, string? Text)
{
    public static ChatRecord Of(ChatMessage message) => new(message.Name, message.Color, message.At, message.Text);

    /// <summary>The message this record stands for, as number <paramref name="number"/> of its board's chat; or why it cannot be read.</summary>
    public static Validated<ChatMessage> Read(ChatRecord? record, long number)
    {
        var text = ChatText.Parse(record?.Text);
        if (!text.IsValid)
        {
            return Validated<ChatMessage>.Reject(text.Error!);
        }

        var name = DisplayName.Parse(record!.Name);
        if (!name.IsValid)
        {
            return Validated<ChatMessage>.Reject(name.Error!);
        }

        return CssColor.TryNormalize(record.Color, out var color) && record.At is { } at
            ? Validated<ChatMessage>.Ok(new ChatMessage(number, name.Value!, color, at, text.Value!))
            : Validated<ChatMessage>.Reject("A chat message needs its author's color and its time.");
    }
}
