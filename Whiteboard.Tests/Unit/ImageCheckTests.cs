using System.Text;
using SkiaSharp;
using Whiteboard.App.Images;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Validation;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// What an uploaded file must be to be kept on a board: an image by its bytes, within the byte and pixel limits, with
/// no page hidden in it; and what is kept is the app's own writing of its pixels, without the upload's metadata.
/// </summary>
public sealed class ImageCheckTests
{
    private readonly ImageCheck check = new();

    [Fact]
    public async Task A_png_is_kept_with_its_size_type_and_the_hash_of_the_bytes_kept()
    {
        var image = await KeptAsync(TestImages.Png(30, 20, SKColors.Red));

        Assert.Equal(("image/png", 30, 20), (image.ContentType, image.Width, image.Height));
        Assert.Equal(ImageHash.Of(image.Bytes), image.Hash);
        using var decoded = SKBitmap.Decode(image.Bytes);
        Assert.Equal(SKColors.Red, decoded.GetPixel(15, 10));
    }

    [Fact]
    public async Task Jpeg_webp_and_gif_are_kept_a_gif_as_a_png_of_its_first_frame()
    {
        Assert.Equal("image/jpeg", (await KeptAsync(TestImages.Jpeg(16, 8, SKColors.Blue))).ContentType);
        Assert.Equal("image/webp", (await KeptAsync(TestImages.Webp(16, 8, SKColors.Blue))).ContentType);
        var gif = await KeptAsync(TestImages.Gif);
        Assert.Equal(("image/png", 1, 1), (gif.ContentType, gif.Width, gif.Height));
    }

    [Fact]
    public async Task A_phone_photo_turned_by_its_exif_orientation_is_kept_upright()
    {
        // Stored 40 x 20, left red and right blue; orientation 6 says a quarter turn clockwise: 20 x 40, red on top.
        var photo = TestImages.JpegWithOrientation(40, 20, SKColors.Red, SKColors.Blue, 6);

        var image = await KeptAsync(photo);

        Assert.Equal((20, 40), (image.Width, image.Height));
        using var decoded = SKBitmap.Decode(image.Bytes);
        Assert.Equal((20, 40), (decoded.Width, decoded.Height));
        Assert.True(decoded.GetPixel(10, 5).Red > 200 && decoded.GetPixel(10, 5).Blue < 60, $"top: {decoded.GetPixel(10, 5)}");
        Assert.True(decoded.GetPixel(10, 35).Blue > 200 && decoded.GetPixel(10, 35).Red < 60, $"bottom: {decoded.GetPixel(10, 35)}");
    }

    [Fact]
    public async Task The_same_upload_twice_has_the_same_hash()
    {
        var png = TestImages.Png(10, 10, SKColors.Green);

        Assert.Equal((await KeptAsync(png)).Hash, (await KeptAsync(png)).Hash);
    }

    [Fact]
    public async Task Metadata_of_the_upload_is_not_kept()
    {
        var png = TestImages.PngWithText(TestImages.Png(10, 10, SKColors.Green), "Author: someone's home address");

        var image = await KeptAsync(png);

        Assert.DoesNotContain("home address", Encoding.Latin1.GetString(image.Bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_whatever_its_name()
    {
        Assert.Equal(ImageCheck.NotAnImage, await RefusalAsync(Encoding.UTF8.GetBytes("just some text, called photo.png")));
        Assert.Equal(ImageCheck.NotAnImage, await RefusalAsync([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]));
        Assert.Equal(ImageCheck.NotAnImage, await RefusalAsync([]));
    }

    [Fact]
    public async Task A_decompression_bomb_is_refused_by_its_header_before_any_pixel_is_decoded()
    {
        var bomb = TestImages.PngClaiming(50_000, 50_000);
        Assert.True(bomb.Length < 100);

        Assert.Equal(ImageCheck.TooManyPixels(50_000, 50_000), await RefusalAsync(bomb));
    }

    [Fact]
    public async Task One_pixel_over_the_pixel_limit_is_refused()
    {
        Assert.Equal(ImageCheck.TooManyPixels(8_001, 5_000), await RefusalAsync(TestImages.PngClaiming(8_001, 5_000)));
    }

    [Fact]
    public async Task A_file_over_10_MB_is_refused_before_it_is_decoded()
    {
        var png = TestImages.Png(10, 10, SKColors.Green);
        var large = new byte[11 * 1024 * 1024];
        png.CopyTo(large, 0);

        Assert.Equal(ImageCheck.TooLarge, await RefusalAsync(large));
        Assert.Contains("10 MB", ImageCheck.TooLarge, StringComparison.Ordinal);
        Assert.True(large.Length > BoardLimits.MaxImageBytes);
    }

    [Theory]
    [InlineData("<html><body><script>alert(document.cookie)</script></body></html>", "<html")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "<svg")]
    [InlineData("<ScRiPt>fetch('/b/key')</ScRiPt>", "<script")]
    public async Task A_polyglot_an_image_that_is_also_a_page_with_script_is_refused(string page, string opening)
    {
        var polyglot = TestImages.PngWithText(TestImages.Png(10, 10, SKColors.Green), page);
        using (var stillAnImage = SKCodec.Create(new SKMemoryStream(polyglot)))
        {
            Assert.Equal(SKEncodedImageFormat.Png, stillAnImage.EncodedFormat);
        }

        Assert.Equal(ImageCheck.Markup(opening), await RefusalAsync(polyglot));
    }

    [Theory]
    [InlineData("<svg width=\"10\"><rect/></svg>")]
    [InlineData("<svgfoo onload=x>")]
    [InlineData("<HTMLX and <bodyguard>")]
    [InlineData("a < b, onload=1")]
    public void Bytes_that_only_look_like_markup_are_not_taken_for_a_page(string text)
    {
        Assert.Null(MarkupInImage.Find(Encoding.ASCII.GetBytes(text)));
    }

    [Theory]
    [InlineData("<svg/onload=alert(1)>", "<svg")]
    [InlineData("<svg\nOnError=x>", "<svg")]
    [InlineData("<BODY onload=x>", "<body")]
    [InlineData("<!DOCTYPE html>", "<!doctype")]
    [InlineData("<iframe src=x>", "<iframe")]
    public void Markup_a_browser_would_run_is_found_in_any_case(string text, string opening)
    {
        Assert.Equal(opening, MarkupInImage.Find(Encoding.ASCII.GetBytes(text)));
    }

    private async Task<BoardImage> KeptAsync(byte[] upload)
    {
        var checkedImage = await check.CheckAsync(upload, CancellationToken.None);
        Assert.True(checkedImage.IsValid, checkedImage.Error);
        return checkedImage.Value!;
    }

    private async Task<string> RefusalAsync(byte[] upload)
    {
        var refusal = (await check.CheckAsync(upload, CancellationToken.None)).Error;
        Assert.NotNull(refusal);
        return refusal;
    }
}
