using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Whiteboard.App.Boards;

/// <summary>
/// Tells the circuit's board session when its connection drops and returns, so a closed tab or a
/// lost network leaves the participant count within seconds, not when the circuit expires.
/// </summary>
public sealed class BoardCircuitHandler(BoardSession session) : CircuitHandler
{
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) =>
        session.SetConnectedAsync(connected: false);

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) =>
        session.SetConnectedAsync(connected: true);
}
