using Microsoft.Extensions.Diagnostics.HealthChecks;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Health;

/// <summary>The app can serve only if its store answers: /healthz asks it a question.</summary>
public sealed class StoreHealthCheck(IBoardStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.BoardExistsAsync(BoardId.New(), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The board store does not answer.", exception);
        }
    }
}
