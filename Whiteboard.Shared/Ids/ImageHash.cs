using System.Security.Cryptography;

namespace Whiteboard.Shared.Ids;

/// <summary>How an image is named on its board: the SHA-256 of its stored bytes, as 64 lowercase hex digits.</summary>
public static class ImageHash
{
    public const int Length = 64;

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Whether this text could name an image (before asking a store whether one has it).</summary>
    public static bool IsWellFormed(string? hash) =>
        hash is { Length: Length } && hash.All(character => char.IsAsciiDigit(character) || character is >= 'a' and <= 'f');
}
