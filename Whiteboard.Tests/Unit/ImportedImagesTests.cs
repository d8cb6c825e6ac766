using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SkiaSharp;
using Whiteboard.App;
using Whiteboard.App.Images;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// An import's images are paid for from the importer's budget of uploads, as uploads are: by their cost, each distinct
/// file once whatever names the file gives it, and at most <see cref="ImportedImages.MaxImages"/> of them.
/// </summary>
public sealed class ImportedImagesTests : IDisposable
{
    private static readonly IPAddress Importer = IPAddress.Parse("203.0.113.7");
    private readonly ImageCheck check = new();
    private readonly ImageUploadLimiter limiter = new(new WhiteboardOptions { ImageUploadsPerMinute = 1, ImageUploadBurst = 6 }, NullLogger<ImageUploadLimiter>.Instance);

    public void Dispose() => limiter.Dispose();

    /// <summary>A board file's content showing each of its images once, under the names the file gives them.</summary>
    private static ImportedBoard FileShowing(params (string Name, byte[] Bytes)[] images)
    {
        var author = ParticipantId.New();
        var elements = images.Select((image, n) => (BoardElement)new Image(Ink.Id($"i{n}"), author, image.Name, new BoardPoint(0, 0), new BoardPoint(10, 10)));
        return new ImportedBoard("Imported", [.. elements]) { Images = images.ToDictionary(image => image.Name, image => image.Bytes) };
    }

    private static string NameOf(int n) => n.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether the importer's budget still holds this many uploads (taking them).</summary>
    private bool BudgetHolds(int uploads) => limiter.TryAcquire(Importer, uploads, out _);

    [Fact]
    public async Task The_same_image_under_several_names_is_checked_and_paid_for_once_and_every_element_shows_it()
    {
        var png = TestImages.Png(12, 8, SKColors.Red);

        var imported = await ImportedImages.CheckAsync(FileShowing((NameOf(1), png), (NameOf(2), png), (NameOf(3), png)), check, limiter, Importer, CancellationToken.None);

        Assert.True(imported.IsValid, imported.Error);
        var image = Assert.Single(imported.Value.Images);
        Assert.All(imported.Value.Board.Elements.OfType<Image>(), element => Assert.Equal(image.Hash, element.Hash));
        Assert.True(BudgetHolds(5));
        Assert.False(BudgetHolds(1));
    }

    [Fact]
    public async Task A_large_image_costs_more_of_the_budget_and_an_import_the_budget_cannot_pay_is_refused_with_the_wait()
    {
        Assert.True(BudgetHolds(3));
        // 12 megapixels: one upload, and one more for each 4.
        var photo = TestImages.PngClaiming(4_000, 3_000);

        var refused = await ImportedImages.CheckAsync(FileShowing((NameOf(1), photo)), check, limiter, Importer, CancellationToken.None);

        Assert.StartsWith("Too many images from your address: try again in", refused.Error, StringComparison.Ordinal);
        Assert.True(BudgetHolds(3));
    }

    [Fact]
    public async Task An_import_costing_more_than_a_whole_budget_is_refused_as_too_large_and_costs_nothing()
    {
        // 24 megapixels: 7 uploads' worth, past a budget of 6 even when it is full.
        var huge = TestImages.PngClaiming(6_000, 4_000);

        var refused = await ImportedImages.CheckAsync(FileShowing((NameOf(1), huge)), check, limiter, Importer, CancellationToken.None);

        Assert.Equal(ImportedImages.TooCostly(7, 6), refused.Error);
        Assert.True(BudgetHolds(6));
    }

    [Fact]
    public async Task A_file_with_more_images_than_an_import_takes_is_refused_with_the_limit_before_any_is_checked()
    {
        using var roomy = new ImageUploadLimiter(new WhiteboardOptions { ImageUploadBurst = 1_000 }, NullLogger<ImageUploadLimiter>.Instance);
        var images = Enumerable.Range(0, ImportedImages.MaxImages + 1)
            .Select(n => (NameOf(n), TestImages.Png(1, 1, new SKColor((byte)n, (byte)(n >> 8), 0)))).ToArray();

        var refused = await ImportedImages.CheckAsync(FileShowing(images), check, roomy, Importer, CancellationToken.None);

        Assert.Equal(ImportedImages.TooManyImages(ImportedImages.MaxImages + 1), refused.Error);
        Assert.Contains("at most 50", refused.Error, StringComparison.Ordinal);
        Assert.True(roomy.TryAcquire(Importer, 1_000, out _));
    }
}
