using System.Xml.Linq;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Rendering;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// The SVG export's images, as every renderer reads them: SVG 2's href, and SVG 1.1's xlink:href that older renderers
/// (rsvg before 2.52, Inkscape 0.92) need, with the same data: URL.
/// </summary>
public sealed class SvgExportImageLinkTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";

    [Fact]
    public async Task Each_embedded_image_carries_href_and_xlink_href_with_the_same_data_url_in_a_document_that_parses()
    {
        var (red, blue, lost) = (new string('1', ImageHash.Length), new string('2', ImageHash.Length), new string('3', ImageHash.Length));
        var author = ParticipantId.New();
        BoardElement[] elements =
        [
            new Image(Id("a"), author, red, new BoardPoint(0, 0), new BoardPoint(300, 200)),
            new Image(Id("b"), author, blue, new BoardPoint(400, 0), new BoardPoint(430, 20)),
            new Image(Id("c"), author, red, new BoardPoint(0, 300), new BoardPoint(30, 320)),
            new Image(Id("d"), author, lost, new BoardPoint(100, 300), new BoardPoint(130, 320)),
        ];
        var sources = new Dictionary<string, string>
        {
            [red] = "data:image/png;base64,iVBORw0KGgo=",
            [blue] = "data:image/webp;base64,UklGRg+/",
        };
        await using var written = new StringWriter();

        await SvgCanvas.WriteAsync(elements, written, CancellationToken.None, sources.GetValueOrDefault);

        // Parsing checks the document is well formed, the xlink prefix declared included.
        var document = XDocument.Parse(written.ToString());
        var images = document.Descendants(Svg + "image").ToList();
        Assert.Equal(
            [sources[red], sources[blue], sources[red]],
            images.Select(image => image.Attribute("href")?.Value));
        Assert.All(images, image => Assert.Equal(image.Attribute("href")?.Value, image.Attribute(XLink + "href")?.Value));
        Assert.Equal(XLink.NamespaceName, document.Root!.Attribute(XNamespace.Xmlns + "xlink")?.Value);
    }
}
