using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Export;

/// <summary>A board's images as its exports carry them: base64 in the JSON file, data: URLs in the SVG picture.</summary>
internal static class ExportedImages
{
    /// <summary>Reads one of the board's images as the JSON file writes it down; null when the board does not keep it.</summary>
    public static Func<string, CancellationToken, Task<ImageRecord?>> Reader(IBoardImageStore images, BoardId board) =>
        async (hash, cancellationToken) => await images.ReadImageAsync(board, hash, cancellationToken) is { } image
            ? new ImageRecord(image.Hash, image.ContentType, Convert.ToBase64String(image.Bytes))
            : null;

    /// <summary>
    /// The data: URL of each image the elements show, read before the picture is written (its writing is not asynchronous):
    /// an export of a board holds its images in memory once, as base64, at most a third more than the board's image limit.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> DataUrlsAsync(
        IReadOnlyList<BoardElement> elements, Func<string, CancellationToken, Task<ImageRecord?>> readImage, CancellationToken cancellationToken)
    {
        var sources = new Dictionary<string, string>();
        foreach (var hash in elements.OfType<Image>().Select(image => image.Hash).Distinct())
        {
            if (await readImage(hash, cancellationToken) is { Type: { } type, Data: { } data })
            {
                sources[hash] = $"data:{type};base64,{data}";
            }
        }

        return sources;
    }
}
