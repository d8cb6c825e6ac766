using System.Security.Cryptography;

namespace Whiteboard.Shared.Ids;

/// <summary>Base64url without padding (RFC 4648 §5), the alphabet of every id in a URL.</summary>
internal static class Base64Url
{
    private const int SecretBytes = 16;

    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A new secret of 16 random bytes (128 bits): 22 characters.</summary>
    public static string NewSecret() => Encode(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>Only the canonical text of 16 bytes, so each secret has exactly one spelling.</summary>
    public static bool IsSecret(string? text)
    {
        if (text is null || text.Length != 22)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[SecretBytes + 2];
        return TryDecode(text, bytes, out var written) && written == SecretBytes && Encode(bytes[..SecretBytes]) == text;
    }

    public static bool IsAlphabet(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';

    /// <summary>A short client-made token: 1 to <paramref name="maxLength"/> characters of the alphabet.</summary>
    public static bool IsToken(string? text, int maxLength) =>
        !string.IsNullOrEmpty(text) && text.Length <= maxLength && text.All(IsAlphabet);

    public static bool TryDecode(string text, Span<byte> destination, out int written)
    {
        written = 0;
        if (!text.All(IsAlphabet))
        {
            return false;
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return padded.Length % 4 == 0 && Convert.TryFromBase64String(padded, destination, out written);
    }
}
