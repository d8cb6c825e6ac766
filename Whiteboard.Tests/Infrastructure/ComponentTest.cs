using Bunit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor;
using MudBlazor.Services;
using Whiteboard.App;
using Whiteboard.App.Boards;
using Whiteboard.App.Canvas;
using Whiteboard.App.Components.Layout;
using Whiteboard.App.Security;
using Whiteboard.App.Storage;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>
/// Every component test starts alike: MudBlazor's services and its providers (popovers, dialogs, snackbars
/// render into them), the app's own services on an in-memory store (boards' writers in the test's process, without
/// Orleans) and a clock the test moves, and the page's
/// scripts answering as planned (<see cref="PageScripts"/>). Everything started is disposed when the test ends.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    // bUnit waits a second by default: too short on a machine busy with other builds.
    static ComponentTest() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Page = new PageScripts(JSInterop.JSRuntime);
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton<IJSRuntime>(Page);
        Services.AddSingleton<IBoardStore>(Store);
        HistoryStore = new GatedHistoryStore(Store);
        Services.AddSingleton<IBoardHistoryStore>(HistoryStore);
        Services.AddSingleton<Whiteboard.App.History.BoardHistory>();
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton(new BoardRoomOptions());
        Services.AddSingleton<BoardRooms>();
        Services.AddSingleton<IBoardGrains, LocalBoardGrains>();
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Services.AddSingleton<ParticipantTokens>();
        Services.AddSingleton<CanvasDownloads>();
        Services.AddSingleton(new WhiteboardOptions());
        Services.AddSingleton<BoardCreationLimiter>();
        Services.AddSingleton<Whiteboard.App.Images.ImageCheck>();
        Services.AddSingleton<Whiteboard.App.Images.ImageUploadLimiter>();
        Services.AddScoped<BoardSession>();
        Services.AddScoped<ThemeChoice>();
        Popovers = Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        Snackbars = Render<MudSnackbarProvider>();
    }

    protected PageScripts Page { get; }

    protected InMemoryBoardStore Store { get; } = new();

    /// <summary>The store's history reads, as the history view makes them; they can be held.</summary>
    protected GatedHistoryStore HistoryStore { get; }

    protected ManualClock Clock { get; } = new();

    /// <summary>Where open pickers and tooltips render.</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; }

    /// <summary>Where dialogs render.</summary>
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; }

    /// <summary>Where notices render.</summary>
    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; }

    /// <summary>The text of the notices on screen.</summary>
    protected string Notices => string.Concat(Snackbars.Nodes.Select(node => node.TextContent));

    protected BoardRooms Rooms => Services.GetRequiredService<BoardRooms>();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // The rooms and sessions only dispose asynchronously.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
