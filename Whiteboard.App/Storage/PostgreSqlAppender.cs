using System.Text.Json;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;

namespace Whiteboard.App.Storage;

/// <summary>
/// Appends operations for the PostgreSQL store as a group commit, as the SQLite writer does: the appends of every
/// board waiting at one moment go in one binary COPY and one commit, so many participants' points, on many boards,
/// cost one round trip and one flush of the server's log.
/// </summary>
internal sealed class PostgreSqlAppender : IAsyncDisposable
{
    /// <summary>Boards' appends committed together at most: a bound on how long one commit takes.</summary>
    private const int MaxAppendsPerCommit = 256;

    private readonly PostgreSqlDatabase database;
    private readonly Channel<PendingAppend> appends = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task appending;

    public PostgreSqlAppender(PostgreSqlDatabase database)
    {
        this.database = database;
        appending = AppendAllAsync();
    }

    /// <summary>Completes once the operations are committed, together with what other boards queued meanwhile.</summary>
    public Task AppendAsync(BoardId board, IReadOnlyList<StoredOperation> operations, DateTimeOffset changed)
    {
        var append = new PendingAppend(board, operations, changed);
        return appends.Writer.TryWrite(append) ? append.Done.Task : throw new ObjectDisposedException(nameof(PostgreSqlBoardStore));
    }

    public async ValueTask DisposeAsync()
    {
        appends.Writer.TryComplete();
        await appending;
    }

    private async Task AppendAllAsync()
    {
        var batch = new List<PendingAppend>();
        while (await appends.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxAppendsPerCommit && appends.Reader.TryRead(out var append))
            {
                batch.Add(append);
            }

            await CommitBatchAsync(batch);
            batch.Clear();
        }
    }

    private async Task CommitBatchAsync(IReadOnlyList<PendingAppend> batch)
    {
        try
        {
            await CommitAsync(batch);
            foreach (var append in batch)
            {
                append.Done.TrySetResult();
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            // One board's append must not fail the others': each on its own, so only the bad one fails.
            foreach (var append in batch)
            {
                await CommitBatchAsync([append]);
            }
        }
        catch (PostgresException taken) when (taken is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "operations_pkey" })
        {
            batch[0].Done.TrySetException(new PostgreSqlWriterConflictException(batch[0].Board, batch[0].Operations[0].Sequence, taken));
        }
        catch (Exception exception)
        {
            batch[0].Done.TrySetException(exception);
        }
    }

    private async Task CommitAsync(IReadOnlyList<PendingAppend> batch)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var import = await connection.BeginBinaryImportAsync(
            "COPY operations (board, sequence, author, message) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var append in batch)
            {
                foreach (var operation in append.Operations)
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(append.Board.Value, NpgsqlDbType.Text);
                    await import.WriteAsync(operation.Sequence, NpgsqlDbType.Bigint);
                    await import.WriteAsync(operation.Author.Value, NpgsqlDbType.Text);
                    await import.WriteAsync(JsonSerializer.Serialize(BoardMessage.Of(operation.Operation), StoredJson.Options), NpgsqlDbType.Text);
                }
            }

            await import.CompleteAsync();
        }

        await using (var changed = new NpgsqlCommand(
            """
            UPDATE boards SET changed = c.changed
            FROM (SELECT id, max(changed) AS changed FROM unnest($1, $2) AS u (id, changed) GROUP BY id) AS c WHERE boards.id = c.id
            """, connection, transaction))
        {
            changed.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(append => append.Board.Value)] });
            changed.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. batch.Select(append => append.Changed.ToUniversalTime())] });
            await changed.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>Operations to append, done once they are committed.</summary>
    private sealed record PendingAppend(BoardId Board, IReadOnlyList<StoredOperation> Operations, DateTimeOffset Changed)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
