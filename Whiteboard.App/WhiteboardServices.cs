using Microsoft.AspNetCore.DataProtection;
using MudBlazor.Services;
using Whiteboard.App.Boards;
using Whiteboard.App.Canvas;
using Whiteboard.App.Health;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App;

public static class WhiteboardServices
{
    /// <summary>Every service of the app, registered once: the composition root.</summary>
    public static IServiceCollection AddWhiteboard(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddRazorComponents()
            .AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = BoardLimits.MaxReceiveBytes);
        services.AddSignalR().AddHubOptions<Hubs.BoardHub>(hub => hub.MaximumReceiveMessageSize = BoardLimits.MaxReceiveBytes);
        services.AddMudServices(mud =>
        {
            // A refusal repeated at once (a page sends on before hearing back) is shown once while it is on screen.
            mud.SnackbarConfiguration.PreventDuplicates = true;
            mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            mud.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        services.AddScoped<Components.Layout.ThemeChoice>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");

        var settings = configuration.GetSection(WhiteboardOptions.Section).Get<WhiteboardOptions>() ?? new WhiteboardOptions();
        var dataDirectory = Path.GetFullPath(settings.DataDirectory, environment.ContentRootPath);
        if (configuration[PostgreSqlServices.Setting] is { Length: > 0 } postgreSql)
        {
            services.AddPostgreSqlBoardStore(postgreSql);
        }
        else
        {
            services.AddSingleton<IBoardStore>(_ => new SqliteBoardStore(Path.Combine(dataDirectory, WhiteboardOptions.DatabaseFileName)));
        }

        // Participant tokens outlive restarts when their keys are kept beside the boards; a data folder
        // that cannot be used yet (reported by the store) leaves them to the default key ring.
        var keys = new DirectoryInfo(Path.Combine(dataDirectory, "keys"));
        if (TryCreate(keys))
        {
            services.AddDataProtection().PersistKeysToFileSystem(keys);
        }

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ParticipantTokens>();
        services.AddSingleton<CanvasDownloads>();
        services.AddSingleton(new BoardRoomOptions
        {
            UnloadAfter = TimeSpan.FromMinutes(settings.UnloadIdleBoardsAfterMinutes),
            MaxParticipants = settings.MaxParticipants,
            MaxParticipantsPerBoard = settings.MaxParticipantsPerBoard,
        });
        services.AddSingleton<BoardRooms>();
        services.AddHostedService<IdleBoardUnloader>();
        services.AddHostedService<StoreStartupReport>();
        services.AddScoped<BoardSession>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, BoardCircuitHandler>();
        return services;
    }

    private static bool TryCreate(DirectoryInfo folder)
    {
        try
        {
            folder.Create();
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
