using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.Documents;

/// <summary>
/// One of a board's images written down in its exported file: its hash (which the file's image elements name), its
/// content type and its bytes as base64. Untrusted when read back: <see cref="Read"/> checks its shape here, and the
/// app decodes and checks its bytes again, as it does an upload, before a board keeps it.
/// </summary>
public sealed record ImageRecord(string? Hash, string? Type, string? Data)
{
    /// <summary>The image's hash and bytes; or why this record cannot be one.</summary>
    public static Validated<(string Hash, byte[] Bytes)> Read(ImageRecord? record)
    {
        if (record is null || !ImageHash.IsWellFormed(record.Hash))
        {
            return Validated<(string, byte[])>.Reject($"An image is named by its hash: {ImageHash.Length} lowercase hex digits.");
        }

        // Base64 takes 4 characters for every 3 bytes: a longer text is refused before it is decoded.
        if (record.Data is not { } data || data.Length > (BoardLimits.MaxImageBytes + 2) / 3 * 4)
        {
            return Validated<(string, byte[])>.Reject($"Image {record.Hash} has no bytes, or more than {BoardLimits.MaxImageBytes / (1024 * 1024)} MB.");
        }

        try
        {
            return Validated<(string, byte[])>.Ok((record.Hash!, Convert.FromBase64String(data)));
        }
        catch (FormatException)
        {
            return Validated<(string, byte[])>.Reject($"Image {record.Hash}'s bytes are not base64.");
        }
    }
}
