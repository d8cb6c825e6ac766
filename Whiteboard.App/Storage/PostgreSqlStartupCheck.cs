namespace Whiteboard.App.Storage;

/// <summary>
/// Stops the app as it starts when the PostgreSQL store cannot be used. Unlike the SQLite file, which belongs to
/// this instance alone, the database is shared: an instance that cannot reach it must not take people in. The
/// operator reads why, in detail (<see cref="PostgreSqlBoardStore.CheckInDetailAsync"/>).
/// </summary>
public sealed class PostgreSqlStartupCheck(PostgreSqlBoardStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await store.CheckInDetailAsync(cancellationToken) is { } problem)
        {
            throw new PostgreSqlSettingException(problem);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
