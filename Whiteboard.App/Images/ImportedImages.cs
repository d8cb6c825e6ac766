using System.Net;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Images;

/// <summary>
/// An imported board's images, checked again as uploads are (a file is untrusted whoever wrote it), and paid for from
/// the importer's budget of uploads as uploads are (<see cref="ImageUploadLimiter"/>). The names a file gives its
/// images are not trusted either: the same bytes under several names are checked once. An image written again may not
/// have its old bytes, so not its old hash: the board's image elements, and its history's, are given the new one.
/// </summary>
public static class ImportedImages
{
    /// <summary>
    /// Different images one file may carry: each costs its decoding (up to seconds of a core), and the most a full budget
    /// of uploads pays at once (60) is about this many small ones.
    /// </summary>
    public const int MaxImages = 50;

    public static string TooManyImages(int count) =>
        $"This file carries {count} different images: a board file may carry at most {MaxImages}.";

    public static string TooCostly(int cost, int burst) =>
        $"This file's images are too large to check at once: they cost {cost} uploads (one each, and one more per "
        + $"{ImageUploadLimiter.PixelsPerCharge / 1_000_000} megapixels), and an address may upload at most {burst} at once.";

    /// <summary>The board with its images' new hashes, and the images to keep for it; or why its images are refused.</summary>
    public static async Task<Validated<(ImportedBoard Board, IReadOnlyList<BoardImage> Images)>> CheckAsync(
        ImportedBoard board, ImageCheck check, ImageUploadLimiter limiter, IPAddress? importer, CancellationToken cancellationToken)
    {
        var distinct = board.Images.GroupBy(named => ImageHash.Of(named.Value), named => named)
            .Select(same => (Name: same.First().Key, Names: same.Select(named => named.Key).ToList(), Bytes: same.First().Value))
            .ToList();
        if (distinct.Count > MaxImages)
        {
            return Reject(TooManyImages(distinct.Count));
        }

        var headers = new List<ImageHeader>();
        foreach (var (name, _, bytes) in distinct)
        {
            var header = ImageCheck.ReadHeader(bytes);
            if (!header.IsValid)
            {
                return Reject(CannotImport(name, header.Error!));
            }

            headers.Add(header.Value!);
        }

        var cost = headers.Sum(header => 1 + ImageUploadLimiter.ChargeFor(header.Pixels));
        if (cost > limiter.Burst)
        {
            return Reject(TooCostly(cost, limiter.Burst));
        }

        if (cost > 0 && !limiter.TryAcquire(importer, cost, out var retryAfter))
        {
            return Reject(ImageUploadLimiter.Refusal((int)Math.Ceiling(retryAfter.TotalSeconds)));
        }

        var renamed = new Dictionary<string, string>();
        var images = new List<BoardImage>();
        foreach (var ((name, names, _), header) in distinct.Zip(headers))
        {
            var image = await check.DecodeAsync(header, cancellationToken);
            if (!image.IsValid)
            {
                return Reject(CannotImport(name, image.Error!));
            }

            names.ForEach(named => renamed[named] = image.Value!.Hash);
            images.Add(image.Value!);
        }

        var elements = board.Elements.Select(element => element is Image image ? image with { Hash = renamed[image.Hash] } : element).ToList();
        var total = images.DistinctBy(image => image.Hash).Sum(image => (long)image.Bytes.Length);
        return total > BoardLimits.MaxImageBytesPerBoard
            ? Reject(BoardImageEndpoints.BoardImagesFull)
            : Validated<(ImportedBoard, IReadOnlyList<BoardImage>)>.Ok((board with
            {
                Elements = elements,
                Images = new Dictionary<string, byte[]>(),
                History = board.History?.WithImagesRenamed(hash => renamed[hash]),
            }, images));
    }

    private static string CannotImport(string name, string reason) => $"Image {name} of the file cannot be imported. {reason}";

    private static Validated<(ImportedBoard, IReadOnlyList<BoardImage>)> Reject(string reason) =>
        Validated<(ImportedBoard, IReadOnlyList<BoardImage>)>.Reject(reason);
}
