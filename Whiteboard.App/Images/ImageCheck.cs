using SkiaSharp;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Images;

/// <summary>
/// Says whether uploaded bytes are an image a board may keep, and makes the bytes it keeps. The format is what a
/// decoder made for it finds in the bytes (never the file's name or declared type); the size is read from the header
/// and checked before a pixel is decoded (<see cref="ReadHeader"/>, which is also what an upload is charged by). The pixels are then written again by the app (PNG, JPEG or WebP; a GIF's
/// first frame as PNG), so no metadata, trailing data or hidden page of the upload is ever stored or served.
/// </summary>
public sealed class ImageCheck
{
    public const string NotAnImage = "This file is not an image the board takes: PNG, JPEG, WebP or GIF.";

    /// <summary>Decodes at once at most: each may hold 160 MB of pixels (40 MP of 4 bytes).</summary>
    public const int DecodedAtOnce = 2;

    private readonly SemaphoreSlim decoding = new(DecodedAtOnce, DecodedAtOnce);

    /// <summary>The uploads this instance holds at once, decoding or waiting to: taken before an upload's body is read.</summary>
    public ImageCheckSlots Slots { get; } = new();

    public static string TooLarge => $"This image is too large: at most {BoardLimits.MaxImageBytes / (1024 * 1024)} MB.";

    public static string TooManyPixels(int width, int height) =>
        $"This image has too many pixels ({width:N0} x {height:N0}): at most {BoardLimits.MaxImagePixels / 1_000_000} megapixels.";

    public static string Markup(string opening) => $"This file is not only an image: it holds markup ({opening}), which the board refuses.";

    /// <summary>The image to keep, or why these bytes are refused.</summary>
    public async Task<Validated<BoardImage>> CheckAsync(ReadOnlyMemory<byte> upload, CancellationToken cancellationToken)
    {
        var header = ReadHeader(upload);
        return header.IsValid ? await DecodeAsync(header.Value!, cancellationToken) : Validated<BoardImage>.Reject(header.Error!);
    }

    /// <summary>
    /// What can be said from the size, the markup and the header alone, without decoding a pixel (milliseconds, no
    /// decoder slot): the upload's size in pixels, by which it is charged before it is decoded; or why it is refused.
    /// </summary>
    public static Validated<ImageHeader> ReadHeader(ReadOnlyMemory<byte> upload)
    {
        if (upload.Length > BoardLimits.MaxImageBytes)
        {
            return Validated<ImageHeader>.Reject(TooLarge);
        }

        if (MarkupInImage.Find(upload.Span) is { } opening)
        {
            return Validated<ImageHeader>.Reject(Markup(opening));
        }

        using var data = SKData.CreateCopy(upload.Span);
        using var codec = SKCodec.Create(data);
        return RefusalOf(codec) is { } refusal
            ? Validated<ImageHeader>.Reject(refusal)
            : Validated<ImageHeader>.Ok(new ImageHeader(upload, codec!.Info.Width, codec.Info.Height));
    }

    /// <summary>Decodes the image whose header was read and writes it again, when a decoder is free; or why it is refused.</summary>
    public async Task<Validated<BoardImage>> DecodeAsync(ImageHeader header, CancellationToken cancellationToken)
    {
        await decoding.WaitAsync(cancellationToken);
        try
        {
            return Rewrite(header.Upload);
        }
        finally
        {
            decoding.Release();
        }
    }

    /// <summary>Why a decoder's reading of a header refuses the image: not a format the board takes, or too many pixels.</summary>
    private static string? RefusalOf(SKCodec? codec)
    {
        if (codec is null || Written(codec.EncodedFormat) is null)
        {
            return NotAnImage;
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        return width <= 0 || height <= 0 || (long)width * height > BoardLimits.MaxImagePixels ? TooManyPixels(width, height) : null;
    }

    private static Validated<BoardImage> Rewrite(ReadOnlyMemory<byte> upload)
    {
        using var data = SKData.CreateCopy(upload.Span);
        using var codec = SKCodec.Create(data);
        if (RefusalOf(codec) is { } refusal)
        {
            return Validated<BoardImage>.Reject(refusal);
        }

        var written = Written(codec!.EncodedFormat)!;
        using var pixels = new SKBitmap(codec.Info.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Premul));
        var decoded = codec.GetPixels(pixels.Info, pixels.GetPixels());
        if (decoded is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return Validated<BoardImage>.Reject(NotAnImage);
        }

        // A phone's photo is stored as its sensor saw it, with the way up in its metadata: which is not kept, so it is turned here.
        using var turned = Turned(pixels, codec.EncodedOrigin);
        var upright = turned ?? pixels;
        using var encoded = upright.Encode(written.Format, written.Quality);
        var stored = encoded.ToArray();
        return MarkupInImage.Find(stored) is { } opening
            ? Validated<BoardImage>.Reject(Markup(opening))
            : Validated<BoardImage>.Ok(new BoardImage(ImageHash.Of(stored), written.ContentType, upright.Width, upright.Height, stored));
    }

    /// <summary>The pixels turned the way up their EXIF orientation says; null when they are upright already.</summary>
    private static SKBitmap? Turned(SKBitmap pixels, SKEncodedOrigin origin)
    {
        var (w, h) = ((float)pixels.Width, (float)pixels.Height);
        // Where each pixel (x, y) goes: x' = ScaleX x + SkewX y + TransX, y' = SkewY x + ScaleY y + TransY.
        SKMatrix? turn = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => null,
        };
        if (turn is not { } matrix)
        {
            return null;
        }

        var sideways = origin >= SKEncodedOrigin.LeftTop;
        var upright = new SKBitmap(pixels.Info.WithSize(sideways ? pixels.Height : pixels.Width, sideways ? pixels.Width : pixels.Height));
        using var canvas = new SKCanvas(upright);
        canvas.Clear(SKColors.Transparent);
        canvas.SetMatrix(matrix);
        canvas.DrawBitmap(pixels, 0, 0, SKSamplingOptions.Default);
        return upright;
    }

    /// <summary>How an image of this format is written again: photos stay lossy, the rest lossless.</summary>
    private static WrittenFormat? Written(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Png or SKEncodedImageFormat.Gif => new WrittenFormat(SKEncodedImageFormat.Png, 100, "image/png"),
        SKEncodedImageFormat.Jpeg => new WrittenFormat(SKEncodedImageFormat.Jpeg, 90, "image/jpeg"),
        SKEncodedImageFormat.Webp => new WrittenFormat(SKEncodedImageFormat.Webp, 90, "image/webp"),
        _ => null,
    };

    private sealed record WrittenFormat(SKEncodedImageFormat Format, int Quality, string ContentType);
}
