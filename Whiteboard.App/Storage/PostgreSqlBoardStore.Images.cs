using Npgsql;
using Whiteboard.App.Images;
using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Storage;

/// <summary>
/// The PostgreSQL store's images. Keeping one locks the board's row first, so two instances keeping images for one
/// board at once cannot both pass its byte limit.
/// </summary>
public sealed partial class PostgreSqlBoardStore : IBoardImageStore
{
    public async Task<ImageKept> KeepImageAsync(BoardId board, BoardImage image, long maxBoardBytes, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand("SELECT 1 FROM boards WHERE id = $1 FOR UPDATE", connection, transaction)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = board.Value } },
        })
        {
            await locking.ExecuteNonQueryAsync(cancellationToken);
        }

        // Kept again is kept now: an image uploaded again to be placed must live through the grace of a new upload.
        await using (var refreshing = new NpgsqlCommand(
            "UPDATE images SET kept = clock_timestamp() WHERE board = $1 AND hash = $2", connection, transaction)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = board.Value }, new NpgsqlParameter<string> { TypedValue = image.Hash } },
        })
        {
            if (await refreshing.ExecuteNonQueryAsync(cancellationToken) > 0)
            {
                await transaction.CommitAsync(cancellationToken);
                return ImageKept.AlreadyKept;
            }
        }

        await using (var weighing = new NpgsqlCommand(
            "SELECT coalesce(sum(length(bytes)), 0) FROM images WHERE board = $1", connection, transaction)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = board.Value } },
        })
        await using (var reader = await weighing.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            if (reader.GetInt64(0) + image.Bytes.Length > maxBoardBytes)
            {
                return ImageKept.BoardFull;
            }
        }

        await using (var inserting = new NpgsqlCommand(
            "INSERT INTO images (board, hash, content_type, width, height, bytes, kept) VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp())",
            connection, transaction)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = board.Value },
                new NpgsqlParameter<string> { TypedValue = image.Hash },
                new NpgsqlParameter<string> { TypedValue = image.ContentType },
                new NpgsqlParameter<int> { TypedValue = image.Width },
                new NpgsqlParameter<int> { TypedValue = image.Height },
                new NpgsqlParameter<byte[]> { TypedValue = image.Bytes },
            },
        })
        {
            await inserting.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ImageKept.Kept;
    }

    public async Task<BoardImage?> ReadImageAsync(BoardId board, string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = ImageQuery(connection, "SELECT content_type, width, height, bytes", board, hash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new BoardImage(hash, reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetFieldValue<byte[]>(3))
            : null;
    }

    public async Task<int> ForgetUnusedImagesAsync(
        BoardId board, IReadOnlySet<string> used, TimeSpan keptFor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Only images not used are searched for, the longest kept first and a bounded number of them (UnusedImages): a
        // hash is 64 hex digits, so found anywhere in an operation's or a checkpoint's JSON, it is that image's. One found
        // is counted as kept anew, so that it is searched again only after the grace; the others go, unless kept again
        // since (the delete checks the time again once it holds the row).
        await using var command = new NpgsqlCommand("""
            WITH candidates AS (
                SELECT hash FROM images WHERE board = $1 AND NOT (hash = ANY($3)) AND kept <= now() - $2 ORDER BY kept LIMIT $4),
            searched AS (
                SELECT hash,
                    EXISTS (SELECT 1 FROM operations WHERE operations.board = $1 AND strpos(operations.message, candidates.hash) > 0)
                    OR EXISTS (SELECT 1 FROM checkpoints WHERE checkpoints.board = $1 AND strpos(checkpoints.state, candidates.hash) > 0) AS named
                FROM candidates),
            refreshed AS (
                UPDATE images SET kept = now() FROM searched WHERE images.board = $1 AND images.hash = searched.hash AND searched.named)
            DELETE FROM images USING searched
            WHERE images.board = $1 AND images.hash = searched.hash AND NOT searched.named AND images.kept <= now() - $2
            """, connection)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = board.Value },
                new NpgsqlParameter<TimeSpan> { TypedValue = keptFor },
                new NpgsqlParameter<string[]> { TypedValue = [.. used] },
                new NpgsqlParameter<int> { TypedValue = UnusedImages.MostSearched },
            },
        };
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> HasImageAsync(BoardId board, string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = ImageQuery(connection, "SELECT 1", board, hash);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static NpgsqlCommand ImageQuery(NpgsqlConnection connection, string select, BoardId board, string hash) =>
        new($"{select} FROM images WHERE board = $1 AND hash = $2", connection)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = board.Value }, new NpgsqlParameter<string> { TypedValue = hash } },
        };
}
