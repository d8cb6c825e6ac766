namespace Whiteboard.App.Storage;

/// <summary>
/// Stops the app as it starts when the PostgreSQL store cannot be used. Unlike the SQLite file, which belongs to
/// this instance alone, the database is shared: an instance that cannot reach it must not take people in.
/// </summary>
public sealed class PostgreSqlStartupCheck(IBoardStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await store.CheckAsync(cancellationToken) is { } problem)
        {
            throw new PostgreSqlSettingException(problem);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
