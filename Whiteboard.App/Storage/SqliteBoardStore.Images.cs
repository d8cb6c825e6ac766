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
        var forgotten = 0;
        await writer.WriteAsync(async connection =>
        {
            var unused = new List<string>();
            // A hash is 64 hex digits: found anywhere in an operation's or a checkpoint's JSON, it is that image's.
            await using (var command = connection.Command("""
                SELECT hash FROM images WHERE board = $board AND kept <= $before
                AND NOT EXISTS (SELECT 1 FROM operations WHERE operations.board = images.board AND instr(operations.message, images.hash) > 0)
                AND NOT EXISTS (SELECT 1 FROM checkpoints WHERE checkpoints.board = images.board AND instr(checkpoints.state, images.hash) > 0)
                """,
                ("$board", board.Value), ("$before", SqliteCommands.Time(DateTimeOffset.UtcNow - keptFor))))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    if (!used.Contains(reader.GetString(0)))
                    {
                        unused.Add(reader.GetString(0));
                    }
                }
            }

            foreach (var hash in unused)
            {
                await connection.ExecuteAsync("DELETE FROM images WHERE board = $board AND hash = $hash", CancellationToken.None,
                    ("$board", board.Value), ("$hash", hash));
            }

            forgotten = unused.Count;
        }, cancellationToken);
        return forgotten;
    }

    public async Task<bool> HasImageAsync(BoardId board, string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ScalarAsync("SELECT 1 FROM images WHERE board = $board AND hash = $hash", cancellationToken,
            ("$board", board.Value), ("$hash", hash)) is not null;
    }
}
