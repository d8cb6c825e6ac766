namespace Whiteboard.App.Storage;

/// <summary>
/// Stops the app as it starts when the PostgreSQL store cannot be used. Unlike the SQLite file, which belongs to
/// this instance alone, the database is shared: an instance that cannot reach it must not take people in. The
/// operator reads why, in detail (<see cref="PostgreSqlBoardStore.CheckInDetailAsync"/>). It runs before every hosted
/// service starts, so that the tables (the key ring's among them) are ready before Data Protection and Orleans start.
/// </summary>
public sealed class PostgreSqlStartupCheck(PostgreSqlBoardStore store) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (await store.CheckInDetailAsync(cancellationToken) is { } problem)
        {
            throw new PostgreSqlSettingException(problem);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
