using Microsoft.JSInterop;

namespace Whiteboard.App.Components.Layout;

/// <summary>
/// Whether this person sees the app dark: one per circuit (or per request for a static page). The browser
/// keeps the choice (wwwroot/theme.js); the layout shows it, the board page passes it to the canvas.
/// </summary>
public sealed class ThemeChoice(IJSRuntime js)
{
    /// <summary>The cookie theme.js keeps the shown theme in, so the server renders a page in it from the start.</summary>
    public const string Cookie = "whiteboard.theme";

    private readonly List<Func<Task>> listeners = [];

    /// <summary>Whether a page for this request is rendered dark: its cookie says so (a first visit has none yet).</summary>
    public static bool RendersDark(HttpRequest request) => request.Cookies[Cookie] == "dark";

    public bool Dark { get; private set; }

    /// <summary>The theme the page was rendered in, before the browser can be asked.</summary>
    public void Start(bool dark) => Dark = dark;

    /// <summary>Asks the browser which theme it shows: its person's choice, or else the system's.</summary>
    public async Task LoadAsync() => await ShowAsync(await js.InvokeAsync<string>("whiteboardTheme.current") == "dark");

    /// <summary>The person chose a theme: the browser keeps it for every page of the app.</summary>
    public async Task ChooseAsync(bool dark)
    {
        await js.InvokeVoidAsync("whiteboardTheme.choose", dark ? "dark" : "light");
        await ShowAsync(dark);
    }

    /// <summary>Calls back whenever the theme changes, until the returned subscription is disposed.</summary>
    public IDisposable Subscribe(Func<Task> changed)
    {
        listeners.Add(changed);
        return new Subscription(() => listeners.Remove(changed));
    }

    private async Task ShowAsync(bool dark)
    {
        if (dark == Dark)
        {
            return;
        }

        Dark = dark;
        foreach (var changed in listeners.ToArray())
        {
            await changed();
        }
    }

    private sealed class Subscription(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
