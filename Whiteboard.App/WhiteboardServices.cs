using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.SignalR;
using MudBlazor.Services;
using Whiteboard.App.Boards;
using Whiteboard.App.Canvas;
using Whiteboard.App.Cluster;
using Whiteboard.App.Health;
using Whiteboard.App.History;
using Whiteboard.App.Images;
using Whiteboard.App.Security;
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
        // The refusal log is a global filter: it stands in for SignalR's own failure log on every hub, the circuit's too.
        services.AddSignalR(hubs => hubs.AddFilter<HubRefusalLog>())
            .AddHubOptions<Hubs.BoardHub>(hub =>
            {
                hub.MaximumReceiveMessageSize = BoardLimits.MaxReceiveBytes;
                hub.MaximumParallelInvocationsPerClient = Hubs.BoardHub.CallsInFlight;
            });
        services.AddSingleton<HubRefusalLog>();
        services.AddHttpLogging(log =>
        {
            log.LoggingFields = RedactingRequestLog.Fields;
            log.CombineLogs = true;
        });
        services.AddHttpLoggingInterceptor<RedactingRequestLog>();
        services.AddMudServices(mud =>
        {
            // A refusal repeated at once (a page sends on before hearing back) is shown once while it is on screen.
            mud.SnackbarConfiguration.PreventDuplicates = true;
            mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            mud.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        services.AddScoped<Components.Layout.ThemeChoice>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store").AddCheck<CapacityHealthCheck>("capacity");

        var settings = configuration.GetSection(WhiteboardOptions.Section).Get<WhiteboardOptions>() ?? new WhiteboardOptions();
        services.AddSingleton(settings);
        services.AddSingleton<BoardCreationLimiter>();
        services.AddSingleton<ImageUploadLimiter>();
        services.AddSingleton<CrossSiteRequests>();
        var dataDirectory = Path.GetFullPath(settings.DataDirectory, environment.ContentRootPath);
        // Where the store is, as the start-up report names it (a password in a connection string is never logged).
        string storeLocation;
        var cluster = ClusterSettings.Read(configuration);
        if (cluster.PostgreSql is { } postgreSql)
        {
            services.AddPostgreSqlBoardStore(postgreSql);
            storeLocation = $"PostgreSQL ({PostgreSqlServices.Setting})";
        }
        else
        {
            storeLocation = Path.Combine(dataDirectory, WhiteboardOptions.DatabaseFileName);
            services.AddSingleton<IBoardStore>(_ => new SqliteBoardStore(storeLocation));
        }

        // Participant tokens outlive restarts when their keys are kept beside the boards. Instances sharing a database
        // share its key ring, under one application name (not each one's content root), so each honours the others' tokens.
        // A data folder that cannot be used yet (reported by the store) leaves them to the default key ring.
        var keys = new DirectoryInfo(Path.Combine(dataDirectory, "keys"));
        if (cluster.PostgreSql is { } sharedKeys)
        {
            services.AddDataProtection().SetApplicationName("Whiteboard");
            services.Configure<KeyManagementOptions>(options => options.XmlRepository = new PostgreSqlKeyRing(sharedKeys));
        }
        else if (TryCreate(keys))
        {
            services.AddDataProtection().PersistKeysToFileSystem(keys);
        }

        services.AddSingleton<IBoardImageStore>(provider => provider.GetRequiredService<IBoardStore>() as IBoardImageStore
            ?? throw new InvalidOperationException("This board store keeps no images."));
        services.AddSingleton<ImageCheck>();
        services.AddSingleton<IBoardHistoryStore>(provider => provider.GetRequiredService<IBoardStore>() as IBoardHistoryStore
            ?? throw new InvalidOperationException("This board store keeps no history."));
        services.AddSingleton<BoardHistory>();
        services.AddWhiteboardCluster(cluster);
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
        services.AddSingleton<IBoardGrains, ClusterBoardGrains>();
        services.AddHostedService<IdleBoardUnloader>();
        services.AddHostedService(provider => new StoreStartupReport(
            provider.GetRequiredService<IBoardStore>(), storeLocation, provider.GetRequiredService<ILogger<StoreStartupReport>>()));
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
