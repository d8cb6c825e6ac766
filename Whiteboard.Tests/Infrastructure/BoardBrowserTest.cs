namespace Whiteboard.Tests.Infrastructure;

/// <summary>
/// An end-to-end test's world: the app on Kestrel and a browser, started for each test and
/// stopped after it, and people who open boards in browser contexts of their own. A test whose pages
/// logged an error fails when it ends (<see cref="Browser.AssertNoPageErrors"/>).
/// </summary>
public abstract class BoardBrowserTest : IAsyncLifetime
{
    protected RunningApp App { get; private set; } = null!;

    protected Browser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await RunningApp.StartAsync();
        Browser = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            Browser.AssertNoPageErrors();
        }
        finally
        {
            await Browser.DisposeAsync();
            await App.DisposeAsync();
        }
    }

    /// <summary>Opens the home page and presses "New board", as a person would.</summary>
    protected Task<BoardPage> CreateBoardAsync() => Browser.CreateBoardAsync(App.Address);

    /// <summary>Opens the same board's link in a browser context of its own.</summary>
    protected async Task<BoardPage> JoinAsync(BoardPage someone, float deviceScaleFactor = 1) =>
        await BoardPage.ReadyAsync(await Browser.OpenAsync(new Uri(someone.Page.Url), deviceScaleFactor));
}
