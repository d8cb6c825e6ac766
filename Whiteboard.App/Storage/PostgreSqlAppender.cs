using System.Text.Json;
using System.Threading.Channels;
using Npgsql;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;

namespace Whiteboard.App.Storage;

/// <summary>
/// Appends operations for the PostgreSQL store as a group commit, as the SQLite writer does: the appends of every
/// board waiting at one moment go in one batched insert and one commit, so many participants' points, on many
/// boards, cost one round trip and one flush of the server's log.
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
        catch (PostgresException) when (batch.Count > 1)
        {
            // The server refused a statement (a second writer's sequence): each board on its own, so only the bad one fails.
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
            // The server not reached or the connection lost: no board's append would fare better alone, and trying
            // each again would cost every one a connect timeout, stalling every room's saves.
            foreach (var append in batch)
            {
                append.Done.TrySetException(exception);
            }
        }
    }

    /// <summary>
    /// The appends of one commit in one round trip: a batch without an explicit transaction is one implicit
    /// transaction, all or none. Each column goes as one array, so the statements are the same whatever the size.
    /// </summary>
    private async Task CommitAsync(IReadOnlyList<PendingAppend> batch)
    {
        var rows = batch.SelectMany(append => append.Operations.Select(operation => (append.Board, operation, At: append.Changed.ToUniversalTime()))).ToList();
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var commit = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("INSERT INTO operations (board, sequence, author, message, at, name, color) SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7)")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(row => row.Board.Value)] },
                        new NpgsqlParameter<long[]> { TypedValue = [.. rows.Select(row => row.operation.Sequence)] },
                        new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(row => row.operation.Author.Value)] },
                        new NpgsqlParameter<string[]>
                        {
                            TypedValue = [.. rows.Select(row => JsonSerializer.Serialize(BoardMessage.Of(row.operation.Operation), StoredJson.Options))],
                        },
                        new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. rows.Select(row => row.At)] },
                        new NpgsqlParameter<string?[]> { TypedValue = [.. rows.Select(row => row.operation.Seated?.Name)] },
                        new NpgsqlParameter<string?[]> { TypedValue = [.. rows.Select(row => row.operation.Seated?.Color)] },
                    },
                },
                new("""
                    UPDATE boards SET changed = c.changed
                    FROM (SELECT id, max(changed) AS changed FROM unnest($1, $2) AS u (id, changed) GROUP BY id) AS c WHERE boards.id = c.id
                    """)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(append => append.Board.Value)] },
                        new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. batch.Select(append => append.Changed.ToUniversalTime())] },
                    },
                },
            },
        };
        await commit.ExecuteNonQueryAsync();
    }

    /// <summary>Operations to append, done once they are committed.</summary>
    private sealed record PendingAppend(BoardId Board, IReadOnlyList<StoredOperation> Operations, DateTimeOffset Changed)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
