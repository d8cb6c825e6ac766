using Microsoft.JSInterop;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>
/// The page's JavaScript for a component test: the app's modules (imported by a "./" path) and its global
/// functions (window.whiteboard...) are <see cref="PageScript"/>s that record calls and answer as planned, in
/// JSON, so a component's private result types need no seam. Every other call (MudBlazor's own) is answered
/// by bUnit's JSInterop, in its loose mode.
/// </summary>
public sealed class PageScripts(IJSRuntime unplanned) : IJSRuntime
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, PageScript> modules = [];

    /// <summary>The app's global functions (window.whiteboardTheme, ...).</summary>
    public PageScript Global { get; } = new("window");

    /// <summary>The module at an app path ("./board/recent-boards.js"), imported or not yet.</summary>
    public PageScript Module(string path)
    {
        lock (gate)
        {
            if (!modules.TryGetValue(path, out var module))
            {
                module = new PageScript(path);
                modules[path] = module;
            }

            return module;
        }
    }

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        InvokeAsync<TValue>(identifier, CancellationToken.None, args);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
    {
        if (identifier == "import" && args is [string path, ..] && path.StartsWith("./", StringComparison.Ordinal))
        {
            return ValueTask.FromResult((TValue)(object)Module(path));
        }

        return Global.Answers(identifier) || identifier.StartsWith("whiteboard", StringComparison.Ordinal)
            ? Global.InvokeAsync<TValue>(identifier, cancellationToken, args)
            : unplanned.InvokeAsync<TValue>(identifier, cancellationToken, args);
    }
}
