using System.Security.Cryptography;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.Ids;

/// <summary>
/// Made by the client for each edit (move, erase, clear, undo, redo), so that an edit sent again
/// after a lost answer is applied once.
/// </summary>
public readonly record struct OperationId
{
    private OperationId(string value) => Value = value;

    public string Value { get; }

    /// <summary>A new id, for an operation the server makes on a participant's behalf (a chat message).</summary>
    public static OperationId New() => new(Base64Url.Encode(RandomNumberGenerator.GetBytes(12)));

    public static bool TryParse(string? text, out OperationId id)
    {
        id = Base64Url.IsToken(text, BoardLimits.MaxIdLength) ? new OperationId(text!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
