using System.Collections.Concurrent;
using Whiteboard.App.Images;
using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Storage;

/// <summary>The in-memory store's images, for the life of the process.</summary>
public sealed partial class InMemoryBoardStore : IBoardImageStore
{
    private readonly ConcurrentDictionary<BoardId, Dictionary<string, BoardImage>> images = new();
    private readonly ConcurrentDictionary<(BoardId, string), DateTimeOffset> keptAt = new();

    public Task<ImageKept> KeepImageAsync(BoardId board, BoardImage image, long maxBoardBytes, CancellationToken cancellationToken)
    {
        var kept = images.GetOrAdd(board, _ => []);
        lock (kept)
        {
            if (kept.ContainsKey(image.Hash))
            {
                // Kept again is kept now: an image uploaded again to be placed must live through the grace of a new upload.
                keptAt[(board, image.Hash)] = DateTimeOffset.UtcNow;
                return Task.FromResult(ImageKept.AlreadyKept);
            }

            if (kept.Values.Sum(other => (long)other.Bytes.Length) + image.Bytes.Length > maxBoardBytes)
            {
                return Task.FromResult(ImageKept.BoardFull);
            }

            kept.Add(image.Hash, image);
            keptAt[(board, image.Hash)] = DateTimeOffset.UtcNow;
            return Task.FromResult(ImageKept.Kept);
        }
    }

    public Task<BoardImage?> ReadImageAsync(BoardId board, string hash, CancellationToken cancellationToken)
    {
        if (!images.TryGetValue(board, out var kept))
        {
            return Task.FromResult<BoardImage?>(null);
        }

        lock (kept)
        {
            return Task.FromResult(kept.GetValueOrDefault(hash));
        }
    }

    public Task<int> ForgetUnusedImagesAsync(BoardId board, IReadOnlySet<string> used, TimeSpan keptFor, CancellationToken cancellationToken)
    {
        if (!images.TryGetValue(board, out var kept))
        {
            return Task.FromResult(0);
        }

        lock (kept)
        {
            // As the databases do: at most UnusedImages.MostSearched searched, the longest kept first; one found in the
            // history is counted as kept anew.
            var now = DateTimeOffset.UtcNow;
            var candidates = kept.Keys
                .Where(hash => !used.Contains(hash) && keptAt[(board, hash)] <= now - keptFor)
                .OrderBy(hash => keptAt[(board, hash)])
                .Take(UnusedImages.MostSearched)
                .ToList();
            var inHistory = NamedInHistory(board);
            var unused = candidates.Where(hash => !inHistory.Contains(hash)).ToList();
            candidates.Where(inHistory.Contains).ToList().ForEach(hash => keptAt[(board, hash)] = now);
            unused.ForEach(hash => kept.Remove(hash));
            return Task.FromResult(unused.Count);
        }
    }

    public async Task<bool> HasImageAsync(BoardId board, string hash, CancellationToken cancellationToken) =>
        await ReadImageAsync(board, hash, cancellationToken) is not null;
}
