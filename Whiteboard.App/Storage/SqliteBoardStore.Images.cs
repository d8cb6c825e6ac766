using System.Text.Json;
using Microsoft.Data.Sqlite;
using Whiteboard.App.Images;
using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Storage;

/// <summary>The SQLite store's images: written by its one writer, in turn with the appends; read beside it.</summary>
public sealed partial class SqliteBoardStore : IBoardImageStore
{
    public async Task<ImageKept> KeepImageAsync(BoardId board, BoardImage image, long maxBoardBytes, CancellationToken cancellationToken)
    {
        var kept = ImageKept.Kept;
        await writer.WriteAsync(async connection =>
        {
            var now = SqliteCommands.Time(DateTimeOffset.UtcNow);
            // Kept again is kept now: an image uploaded again to be placed must live through the grace of a new upload.
            if (await connection.ScalarAsync("UPDATE images SET kept = $kept WHERE board = $board AND hash = $hash RETURNING 1", CancellationToken.None,
                ("$board", board.Value), ("$hash", image.Hash), ("$kept", now)) is not null)
            {
                kept = ImageKept.AlreadyKept;
                return;
            }

            var weight = (long)(await connection.ScalarAsync("SELECT coalesce(sum(length(bytes)), 0) FROM images WHERE board = $board",
                CancellationToken.None, ("$board", board.Value)))!;
            if (weight + image.Bytes.Length > maxBoardBytes)
            {
                kept = ImageKept.BoardFull;
                return;
            }

            await connection.ExecuteAsync("""
                INSERT INTO images (board, hash, content_type, width, height, bytes, kept) VALUES ($board, $hash, $type, $width, $height, $bytes, $kept)
                """, CancellationToken.None, ("$board", board.Value), ("$hash", image.Hash), ("$type", image.ContentType),
                ("$width", image.Width), ("$height", image.Height), ("$bytes", image.Bytes), ("$kept", now));
        }, cancellationToken);
        return kept;
    }

    public async Task<BoardImage?> ReadImageAsync(BoardId board, string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT content_type, width, height, bytes FROM images WHERE board = $board AND hash = $hash", ("$board", board.Value), ("$hash", hash));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new BoardImage(hash, reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), (byte[])reader.GetValue(3))
            : null;
    }

    public async Task<int> ForgetUnusedImagesAsync(
        BoardId board, IReadOnlySet<string> used, TimeSpan keptFor, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var before = SqliteCommands.Time(now - keptFor);
        // Searched on a connection of its own, beside the writer (WAL): the appends of every board go on meanwhile.
        List<string> candidates;
        HashSet<string> inHistory;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            candidates = await NeverUsedAsync(connection, board, used, before, cancellationToken);
            if (candidates.Count == 0)
            {
                return 0;
            }

            inHistory = await NamedInHistoryAsync(connection, board, candidates, cancellationToken);
        }

        var forgotten = 0;
        await writer.WriteAsync(async connection =>
        {
            foreach (var hash in candidates)
            {
                if (inHistory.Contains(hash))
                {
                    await connection.ExecuteAsync("UPDATE images SET kept = $now WHERE board = $board AND hash = $hash", CancellationToken.None,
                        ("$board", board.Value), ("$hash", hash), ("$now", SqliteCommands.Time(now)));
                }
                // An image kept again since it was searched is being placed: it is spared, as any new upload is.
                else if (await connection.ScalarAsync("DELETE FROM images WHERE board = $board AND hash = $hash AND kept <= $before RETURNING 1",
                    CancellationToken.None, ("$board", board.Value), ("$hash", hash), ("$before", before)) is not null)
                {
                    forgotten++;
                }
            }
        }, cancellationToken);
        return forgotten;
    }

    /// <summary>
    /// The board's images kept before <paramref name="before"/> and not <paramref name="used"/>, the longest kept first, at
    /// most <see cref="UnusedImages.MostSearched"/>. The used ones are left out first, from the key alone: reading an image's
    /// time reads past its bytes.
    /// </summary>
    private static async Task<List<string>> NeverUsedAsync(
        SqliteConnection connection, BoardId board, IReadOnlySet<string> used, string before, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("""
            SELECT hash FROM images WHERE board = $board AND hash NOT IN (SELECT value FROM json_each($used)) AND kept <= $before
            ORDER BY kept LIMIT $most
            """,
            ("$board", board.Value), ("$used", JsonSerializer.Serialize(used)), ("$before", before), ("$most", UnusedImages.MostSearched));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var hashes = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            hashes.Add(reader.GetString(0));
        }

        return hashes;
    }

    /// <summary>Which of the <paramref name="hashes"/> an operation or a checkpoint of the board names: one read of its history each, at most.</summary>
    private static async Task<HashSet<string>> NamedInHistoryAsync(
        SqliteConnection connection, BoardId board, List<string> hashes, CancellationToken cancellationToken)
    {
        // A hash is 64 hex digits: found anywhere in an operation's or a checkpoint's JSON, it is that image's.
        await using var command = connection.Command("""
            SELECT value FROM json_each($hashes) AS searched
            WHERE EXISTS (SELECT 1 FROM operations WHERE operations.board = $board AND instr(operations.message, searched.value) > 0)
            OR EXISTS (SELECT 1 FROM checkpoints WHERE checkpoints.board = $board AND instr(checkpoints.state, searched.value) > 0)
            """,
            ("$board", board.Value), ("$hashes", JsonSerializer.Serialize(hashes)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var named = new HashSet<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            named.Add(reader.GetString(0));
        }

        return named;
    }

    public async Task<bool> HasImageAsync(BoardId board, string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ScalarAsync("SELECT 1 FROM images WHERE board = $board AND hash = $hash", cancellationToken,
            ("$board", board.Value), ("$hash", hash)) is not null;
    }
}
