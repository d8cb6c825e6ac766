using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>Image files made in the test: real ones, and the bad ones a hostile page would upload.</summary>
public static class TestImages
{
    /// <summary>A 1 x 1 GIF, as browsers' tracking pixels are.</summary>
    public static readonly byte[] Gif = Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    public static byte[] Png(int width, int height, SKColor color) => Encoded(width, height, color, SKEncodedImageFormat.Png);

    public static byte[] Jpeg(int width, int height, SKColor color) => Encoded(width, height, color, SKEncodedImageFormat.Jpeg);

    public static byte[] Webp(int width, int height, SKColor color) => Encoded(width, height, color, SKEncodedImageFormat.Webp);

    /// <summary>
    /// A JPEG whose left half is <paramref name="left"/> and right half <paramref name="right"/>, with an EXIF orientation
    /// (6: the camera was turned, and the picture must be turned a quarter clockwise to be upright), as phones write photos.
    /// </summary>
    public static byte[] JpegWithOrientation(int width, int height, SKColor left, SKColor right, ushort orientation)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(right);
            using var paint = new SKPaint { Color = left };
            canvas.DrawRect(0, 0, width / 2f, height, paint);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
        var jpeg = data.ToArray();
        // APP1 "Exif": a big-endian TIFF header and one IFD of one entry, Orientation (0x0112), a SHORT.
        byte[] exif =
        [
            0xFF, 0xE1, 0, 34, (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8,
            0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0,
            0, 0, 0, 0,
        ];
        return [.. jpeg.AsSpan(0, 2), .. exif, .. jpeg.AsSpan(2)];
    }

    /// <summary>A PNG whose header claims this size, with one tiny compressed row: a decompression bomb's shape.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 6;
        return [.. PngSignature, .. Chunk("IHDR", header), .. Chunk("IDAT", [0x78, 0x9C, 0x63, 0, 0, 0, 1, 0, 1]), .. Chunk("IEND", [])];
    }

    /// <summary>A valid PNG carrying this text in a tEXt chunk, before its pixels: how a polyglot hides a page.</summary>
    public static byte[] PngWithText(byte[] png, string text)
    {
        const int afterHeader = 8 + 25;
        return [.. png.AsSpan(0, afterHeader), .. Chunk("tEXt", Encoding.Latin1.GetBytes("Comment\0" + text)), .. png.AsSpan(afterHeader)];
    }

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static byte[] Chunk(string type, byte[] data)
    {
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typed.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(typed));
        return chunk;
    }

    /// <summary>PNG's checksum of a chunk's type and data.</summary>
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in bytes)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] Encoded(int width, int height, SKColor color, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }
}
