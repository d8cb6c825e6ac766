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
            if (await connection.ScalarAsync("SELECT 1 FROM images WHERE board = $board AND hash = $hash", CancellationToken.None,
                ("$board", board.Value), ("$hash", image.Hash)) is not null)
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
                INSERT INTO images (board, hash, content_type, width, height, bytes) VALUES ($board, $hash, $type, $width, $height, $bytes)
                """, CancellationToken.None, ("$board", board.Value), ("$hash", image.Hash), ("$type", image.ContentType),
                ("$width", image.Width), ("$height", image.Height), ("$bytes", image.Bytes));
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

    public async Task<bool> HasImageAsync(BoardId board, string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ScalarAsync("SELECT 1 FROM images WHERE board = $board AND hash = $hash", cancellationToken,
            ("$board", board.Value), ("$hash", hash)) is not null;
    }
}
