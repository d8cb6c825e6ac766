using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Whiteboard.App.Boards;
using Whiteboard.App.Images;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// A board's images in its exports: the SVG picture stands alone (its images embedded), the JSON file carries their
/// bytes, and an import of that file checks them again and brings the board back with its images.
/// </summary>
public sealed class ImageExportTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private RunningApp app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        app = await RunningApp.StartAsync();
        client = app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    private BoardRooms Rooms => app.Services.GetRequiredService<BoardRooms>();

    private IBoardImageStore Images => app.Services.GetRequiredService<IBoardImageStore>();

    private ImageUploadLimiter UploadLimiter => app.Services.GetRequiredService<ImageUploadLimiter>();

    /// <summary>A board showing one image twice (kept once) beside a stroke.</summary>
    private async Task<(BoardRecord Board, BoardImage Image)> BoardWithImageAsync()
    {
        var image = (await new ImageCheck().CheckAsync(TestImages.Png(30, 20, SKColors.Red), CancellationToken.None)).Value!;
        var author = ParticipantId.New();
        BoardElement[] elements =
        [
            new Image(Ink.Id("a"), author, image.Hash, new BoardPoint(0, 0), new BoardPoint(300, 200)),
            new Image(Ink.Id("b"), author, image.Hash, new BoardPoint(400, 0), new BoardPoint(430, 20)),
            new Stroke(Ink.Id("s"), author, Ink.Black, new StrokePoint[] { new(0, 300, 0.5f), new(50, 300, 0.5f) }, Finished: true),
        ];
        var board = await Rooms.CreateBoardAsync(new ImportedBoard("Pictures", elements), [image], CancellationToken.None);
        return (board, image);
    }

    [Fact]
    public async Task The_svg_export_embeds_each_image_as_its_bytes()
    {
        var (board, image) = await BoardWithImageAsync();

        using var response = await client.GetAsync(new Uri($"/b/{board.ViewKey}/export.svg", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var pictures = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants(ns + "image").ToList();
        Assert.Equal(2, pictures.Count);
        Assert.All(pictures, picture => Assert.Equal($"data:image/png;base64,{Convert.ToBase64String(image.Bytes)}", picture.Attribute("href")!.Value));
        Assert.Equal("300", pictures[0].Attribute("width")!.Value);
    }

    [Fact]
    public async Task The_json_export_carries_the_images_bytes_once_and_imports_back_with_them_checked_again()
    {
        var (board, image) = await BoardWithImageAsync();

        var file = await client.GetByteArrayAsync(new Uri($"/b/{board.ViewKey}/export.json", UriKind.Relative));

        var document = JsonSerializer.Deserialize<BoardDocument>(file, Json)!;
        Assert.Equal(BoardDocument.VersionWithImages, document.Version);
        var carried = Assert.Single(document.Images!);
        Assert.Equal((image.Hash, "image/png"), (carried!.Hash, carried.Type));
        Assert.Equal(image.Bytes, Convert.FromBase64String(carried.Data!));

        var read = ImportedBoard.Read(file, ParticipantId.New());
        Assert.True(read.IsValid, read.Error);
        var imported = await ImportedImages.CheckAsync(read.Value!, new ImageCheck(), UploadLimiter, IPAddress.Loopback, CancellationToken.None);
        Assert.True(imported.IsValid, imported.Error);
        var copy = await Rooms.CreateBoardAsync(imported.Value.Board, imported.Value.Images, CancellationToken.None);

        var shown = (await Rooms.ReadAsync(copy, CancellationToken.None)).Elements.OfType<Image>().ToList();
        Assert.Equal(2, shown.Count);
        Assert.All(shown, element => Assert.Equal(image.Hash, element.Hash));
        Assert.Equal(image.Bytes, (await Images.ReadImageAsync(copy.Id, image.Hash, CancellationToken.None))!.Bytes);
    }

    [Fact]
    public async Task An_import_whose_image_is_a_polyglot_or_missing_is_refused_and_creates_nothing()
    {
        var hash = new string('b', ImageHash.Length);
        var element = new ElementRecord("image", "i", [0, 0, 10, 10], Image: hash);
        var polyglot = TestImages.PngWithText(TestImages.Png(10, 10, SKColors.Blue), "<svg onload=alert(1)>");
        byte[] File(params ImageRecord[] images) => JsonSerializer.SerializeToUtf8Bytes(
            new BoardDocument(BoardDocument.FormatName, BoardDocument.CurrentVersion, "Bad", [element], [], images), Json);

        var missing = ImportedBoard.Read(File(), ParticipantId.New());
        var notBase64 = ImportedBoard.Read(File(new ImageRecord(hash, "image/png", "not base64!")), ParticipantId.New());
        var read = ImportedBoard.Read(File(new ImageRecord(hash, "image/png", Convert.ToBase64String(polyglot))), ParticipantId.New());
        var imported = await ImportedImages.CheckAsync(read.Value!, new ImageCheck(), UploadLimiter, IPAddress.Loopback, CancellationToken.None);

        Assert.Contains("does not carry", missing.Error, StringComparison.Ordinal);
        Assert.Contains("not base64", notBase64.Error, StringComparison.Ordinal);
        Assert.Contains(ImageCheck.Markup("<svg"), imported.Error, StringComparison.Ordinal);
    }
}
