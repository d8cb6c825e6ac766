using Npgsql;

namespace Whiteboard.App.Storage;

/// <summary>
/// The PostgreSQL store's database, reached through one pooled data source. Its tables are prepared on first
/// use, and again after a failure, so a server that comes back later is used without a restart.
/// </summary>
internal sealed class PostgreSqlDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private readonly SemaphoreSlim preparing = new(1, 1);
    private volatile bool prepared;

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!prepared)
        {
            await PrepareAsync(cancellationToken);
        }

        return await dataSource.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>Null when the database can be read and written; otherwise what is wrong.</summary>
    public async Task<PostgreSqlProblem?> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            // The boards can be read, and whether this server takes writes.
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands = { new("SELECT 1 FROM boards LIMIT 1"), new("SELECT current_setting('transaction_read_only') = 'on'") },
            };
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return reader.GetBoolean(0) ? PostgreSqlProblem.ReadOnly : null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return PostgreSqlProblem.Of(exception);
        }
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await preparing.WaitAsync(cancellationToken);
        try
        {
            if (prepared)
            {
                return;
            }

            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await PostgreSqlSchema.PrepareAsync(connection, cancellationToken);
            prepared = true;
        }
        finally
        {
            preparing.Release();
        }
    }
}
