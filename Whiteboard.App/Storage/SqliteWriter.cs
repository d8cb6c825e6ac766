using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;

namespace Whiteboard.App.Storage;

/// <summary>
/// The SQLite store's one writer. Each room's turn is one append, and the writer commits the appends of
/// every board waiting at that moment together, so many participants' points, on many boards, cost one
/// commit. It makes every other change too (new boards, names, snapshots), in turn: two connections
/// writing at once make one of them wait on SQLite's lock, and Microsoft.Data.Sqlite waits by sleeping
/// 150 ms at a time, which every room's acknowledgements would wait for.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    /// <summary>Boards' appends committed together at most: a bound on how long one commit takes.</summary>
    private const int MaxAppendsPerCommit = 256;

    private readonly SqliteDatabase database;
    private readonly Channel<PendingWrite> writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task writer;

    public SqliteWriter(SqliteDatabase database)
    {
        this.database = database;
        writer = WriteAllAsync();
    }

    /// <summary>Queues operations to append, committed with what every board queued meanwhile in one transaction (a group commit).</summary>
    public Task AppendAsync(BoardId board, IReadOnlyList<StoredOperation> operations, DateTimeOffset changed) =>
        Enqueue(new PendingAppend(board, operations, changed));

    /// <summary>Makes a change in a transaction of its own, in turn with every other write.</summary>
    public Task WriteAsync(Func<SqliteConnection, Task> write, CancellationToken cancellationToken) =>
        Enqueue(new PendingChange(write)).WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        writes.Writer.TryComplete();
        await writer;
    }

    private Task Enqueue(PendingWrite write) =>
        writes.Writer.TryWrite(write) ? write.Done.Task : throw new ObjectDisposedException(nameof(SqliteBoardStore));

    private async Task WriteAllAsync()
    {
        var batch = new List<PendingAppend>();
        while (await writes.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxAppendsPerCommit && writes.Reader.TryPeek(out var next) && next is PendingAppend append)
            {
                writes.Reader.TryRead(out _);
                batch.Add(append);
            }

            if (batch.Count > 0)
            {
                await CommitAppendsAsync(batch);
                batch.Clear();
            }
            else if (writes.Reader.TryRead(out var write))
            {
                await CommitAloneAsync(write);
            }
        }
    }

    private async Task CommitAppendsAsync(IReadOnlyList<PendingAppend> batch)
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
            // One board's write must not fail the others': each on its own, so only the bad one fails.
            foreach (var append in batch)
            {
                await CommitAloneAsync(append);
            }
        }
        catch (Exception exception)
        {
            batch[0].Done.TrySetException(exception);
        }
    }

    private async Task CommitAloneAsync(PendingWrite write)
    {
        try
        {
            await CommitAsync([write]);
            write.Done.TrySetResult();
        }
        catch (Exception exception)
        {
            write.Done.TrySetException(exception);
        }
    }

    /// <summary>Makes the writes in one transaction: appends, or one change.</summary>
    private async Task CommitAsync(IReadOnlyList<PendingWrite> batch)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var transaction = connection.BeginTransaction();
        if (batch is [PendingChange change])
        {
            await change.Write(connection);
        }
        else
        {
            await InsertAsync(connection, batch.Cast<PendingAppend>());
        }

        await transaction.CommitAsync();
    }

    /// <summary>The appends of one commit, through one command: what makes a group commit cheap.</summary>
    private static async Task InsertAsync(SqliteConnection connection, IEnumerable<PendingAppend> appends)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO operations (board, sequence, author, message, at, name, color) VALUES ($board, $sequence, $author, $message, $at, $name, $color)
            """;
        var board = command.Parameters.Add("$board", SqliteType.Text);
        var sequence = command.Parameters.Add("$sequence", SqliteType.Integer);
        var author = command.Parameters.Add("$author", SqliteType.Text);
        var message = command.Parameters.Add("$message", SqliteType.Text);
        var at = command.Parameters.Add("$at", SqliteType.Text);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        var color = command.Parameters.Add("$color", SqliteType.Text);
        foreach (var append in appends)
        {
            board.Value = append.Board.Value;
            at.Value = SqliteCommands.Time(append.Changed);
            foreach (var operation in append.Operations)
            {
                sequence.Value = operation.Sequence;
                author.Value = operation.Author.Value;
                message.Value = JsonSerializer.Serialize(BoardMessage.Of(operation.Operation), StoredJson.Options);
                name.Value = (object?)operation.Seated?.Name ?? DBNull.Value;
                color.Value = (object?)operation.Seated?.Color ?? DBNull.Value;
                await command.ExecuteNonQueryAsync();
            }

            await connection.ExecuteAsync("UPDATE boards SET changed = $changed WHERE id = $id", CancellationToken.None,
                ("$id", append.Board.Value), ("$changed", SqliteCommands.Time(append.Changed)));
        }
    }

    /// <summary>A write waiting for the writer, done once it is committed.</summary>
    private abstract record PendingWrite
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Operations to append, committed together with the other boards' appends waiting beside them.</summary>
    private sealed record PendingAppend(BoardId Board, IReadOnlyList<StoredOperation> Operations, DateTimeOffset Changed) : PendingWrite;

    /// <summary>Any other change, in a transaction of its own.</summary>
    private sealed record PendingChange(Func<SqliteConnection, Task> Write) : PendingWrite;
}
