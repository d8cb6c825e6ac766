using Whiteboard.App.Storage;

namespace Whiteboard.App.Health;

/// <summary>Says in the log, as the app starts, when its store cannot be used: the app still starts, and says so on its pages.</summary>
public sealed partial class StoreStartupReport(IBoardStore store, ILogger<StoreStartupReport> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await store.CheckAsync(cancellationToken) is { } problem)
        {
            LogStoreProblem(logger, problem);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "The board store cannot be used: {Problem} Boards cannot be saved until this is fixed.")]
    private static partial void LogStoreProblem(ILogger logger, string problem);
}
