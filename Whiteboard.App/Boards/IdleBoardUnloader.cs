namespace Whiteboard.App.Boards;

/// <summary>
/// Every so often, unloads the boards nobody has been on for a while; and all of them when the app stops, before
/// Orleans does, so each room lets go of its board's writer while the writer is still there to hear it.
/// </summary>
public sealed partial class IdleBoardUnloader(BoardRooms rooms, BoardRoomOptions options, TimeProvider clock, ILogger<IdleBoardUnloader> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromTicks(Math.Clamp(options.UnloadAfter.Ticks / 2, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        using var timer = new PeriodicTimer(every, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await rooms.UnloadIdleAsync();
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogUnloadFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping: StopAsync unloads every board.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await rooms.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unloading idle boards failed; it is tried again later")]
    private static partial void LogUnloadFailed(ILogger logger, Exception exception);
}
