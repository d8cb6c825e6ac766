using Microsoft.AspNetCore.SignalR;

namespace Whiteboard.App.Security;

/// <summary>
/// What a hub call that failed leaves in the log. A refusal (a <see cref="HubException"/>: no board at this
/// link, a full board, an invalid name) is something any client can cause: one line at Information. Anything
/// else is the app's fault: an error with its exception. SignalR's own line for the same failure (an error
/// with a stack trace, whatever the cause) is turned off in appsettings.json.
/// </summary>
public sealed partial class HubRefusalLog(ILogger<HubRefusalLog> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubException refusal)
        {
            LogRefused(logger, invocationContext.HubMethodName, refusal.Message);
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception, invocationContext.HubMethodName);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub call {Method} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub call {Method} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method);
}
