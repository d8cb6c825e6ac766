using Whiteboard.App.Storage;

namespace Whiteboard.App.Health;

/// <summary>
/// Says in the log, as the app starts, when its store cannot be used, and which file it is: the app still
/// starts, and says so on its pages, in plain words without the path.
/// </summary>
public sealed partial class StoreStartupReport(IBoardStore store, string databaseFile, ILogger<StoreStartupReport> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await store.CheckAsync(cancellationToken) is { } problem)
        {
            LogStoreProblem(logger, databaseFile, problem);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "The board store {Database} cannot be used: {Problem} Boards cannot be saved until this is fixed.")]
    private static partial void LogStoreProblem(ILogger logger, string database, string problem);
}
