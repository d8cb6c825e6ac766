using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using Radzen;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>Renders a component to HTML with the framework's HtmlRenderer and the services every component test starts with.</summary>
public static class MarkupRenderer
{
    public static async Task<string> RenderAsync<TComponent>(IDictionary<string, object?>? parameters = null)
        where TComponent : IComponent
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddRadzenComponents();
        services.AddSingleton<IJSRuntime, NoBrowser>();
        services.AddSingleton<NavigationManager, FixedNavigation>();
        services.AddSingleton<IBoardStore, InMemoryBoardStore>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new BoardRoomOptions());
        services.AddSingleton<BoardRooms>();
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var view = parameters is null ? ParameterView.Empty : ParameterView.FromDictionary(parameters);
            var output = await renderer.RenderComponentAsync<TComponent>(view);
            return output.ToHtmlString();
        });
    }

    /// <summary>As while prerendering: there is no browser to call.</summary>
    private sealed class NoBrowser : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException("No browser while rendering markup.");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException("No browser while rendering markup.");
    }

    private sealed class FixedNavigation : NavigationManager
    {
        public FixedNavigation() => Initialize("http://localhost/", "http://localhost/");
    }
}
