using Radzen;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App;

public static class WhiteboardServices
{
    /// <summary>Every service of the app, registered once: the composition root.</summary>
    public static IServiceCollection AddWhiteboard(this IServiceCollection services)
    {
        services.AddRazorComponents()
            .AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = BoardLimits.MaxReceiveBytes);
        services.AddRadzenComponents();
        services.AddHealthChecks();

        services.AddSingleton<IBoardStore, InMemoryBoardStore>();
        services.AddSingleton<BoardRooms>();
        services.AddScoped<BoardSession>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, BoardCircuitHandler>();
        return services;
    }
}
