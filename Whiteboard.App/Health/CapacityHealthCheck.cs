using Microsoft.Extensions.Diagnostics.HealthChecks;
using Whiteboard.App.Boards;

namespace Whiteboard.App.Health;

/// <summary>
/// A full instance (<see cref="BoardRoomOptions.MaxParticipants"/> people seated) answers /healthz with 503, so a load
/// balancer sends newcomers to another instance; those already on it stay, and it answers 200 again once someone leaves.
/// </summary>
public sealed class CapacityHealthCheck(BoardRooms rooms, BoardRoomOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(rooms.Seated >= options.MaxParticipants
            ? HealthCheckResult.Unhealthy($"This instance is full: {rooms.Seated} people of {options.MaxParticipants}.")
            : HealthCheckResult.Healthy());
}
