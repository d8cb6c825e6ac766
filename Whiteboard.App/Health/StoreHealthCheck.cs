using Microsoft.Extensions.Diagnostics.HealthChecks;
using Whiteboard.App.Storage;

namespace Whiteboard.App.Health;

/// <summary>The app can serve only if its store can read and write: /healthz asks it.</summary>
public sealed class StoreHealthCheck(IBoardStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        return await store.CheckAsync(cancellationToken) is { } problem
            ? HealthCheckResult.Unhealthy(problem)
            : HealthCheckResult.Healthy();
    }
}
