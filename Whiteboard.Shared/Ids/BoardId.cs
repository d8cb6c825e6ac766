using System.Security.Cryptography;

namespace Whiteboard.Shared.Ids;

/// <summary>
/// A board's identity and the secret in its link: 128 random bits, base64url (22 characters).
/// </summary>
public readonly record struct BoardId
{
    private const int ByteLength = 16;

    private BoardId(string value) => Value = value;

    public string Value { get; }

    public static BoardId New() => new(Base64Url.Encode(RandomNumberGenerator.GetBytes(ByteLength)));

    /// <summary>Accepts only the canonical text of 16 bytes, so each board has exactly one link.</summary>
    public static bool TryParse(string? text, out BoardId id)
    {
        id = default;
        if (text is null || text.Length != 22)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[18];
        if (!Base64Url.TryDecode(text, bytes, out var written) || written != ByteLength
            || Base64Url.Encode(bytes[..ByteLength]) != text)
        {
            return false;
        }

        id = new BoardId(text);
        return true;
    }

    public override string ToString() => Value;
}
