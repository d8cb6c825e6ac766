using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Storage;

/// <summary>An operation as a store keeps it (its message's JSON), read back under the rules of drawing.</summary>
public static class StoredOperationReader
{
    public static BoardOperation Read(byte[] json, string whenDamaged)
    {
        var stored = StoredJson.Deserialize<BoardMessage>(json, whenDamaged);
        // Text stored before noncharacters were refused (issue 21) keeps the board openable, those characters replaced.
        var parsed = MessageValidator.Parse([stored with { Text = MessageValidator.WithNoncharactersReplaced(stored.Text) }]);
        return parsed.IsValid ? parsed.Value![0] : throw new InvalidDataException($"{whenDamaged} {parsed.Error}");
    }
}
