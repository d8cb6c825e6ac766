using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Images;

/// <summary>
/// An imported board's images, checked again as uploads are (a file is untrusted whoever wrote it). An image written
/// again may not have its old bytes, so not its old hash: the board's image elements, and its history's, are given the new one.
/// </summary>
public static class ImportedImages
{
    /// <summary>The board with its images' new hashes, and the images to keep for it; or why an image is refused.</summary>
    public static async Task<Validated<(ImportedBoard Board, IReadOnlyList<BoardImage> Images)>> CheckAsync(
        ImportedBoard board, ImageCheck check, CancellationToken cancellationToken)
    {
        var renamed = new Dictionary<string, string>();
        var images = new List<BoardImage>();
        foreach (var (hash, bytes) in board.Images)
        {
            var image = await check.CheckAsync(bytes, cancellationToken);
            if (!image.IsValid)
            {
                return Validated<(ImportedBoard, IReadOnlyList<BoardImage>)>.Reject($"Image {hash} of the file cannot be imported. {image.Error}");
            }

            renamed[hash] = image.Value!.Hash;
            images.Add(image.Value);
        }

        var elements = board.Elements.Select(element => element is Image image ? image with { Hash = renamed[image.Hash] } : element).ToList();
        var total = images.DistinctBy(image => image.Hash).Sum(image => (long)image.Bytes.Length);
        return total > BoardLimits.MaxImageBytesPerBoard
            ? Validated<(ImportedBoard, IReadOnlyList<BoardImage>)>.Reject(BoardImageEndpoints.BoardImagesFull)
            : Validated<(ImportedBoard, IReadOnlyList<BoardImage>)>.Ok((board with
            {
                Elements = elements,
                Images = new Dictionary<string, byte[]>(),
                History = board.History?.WithImagesRenamed(hash => renamed[hash]),
            }, images));
    }
}
