using Microsoft.Playwright;
using Whiteboard.Bench.Hosting;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>
/// Chromium for the end-to-end tests (<see cref="HeadlessChromium"/>), with every page's errors recorded and
/// checked in one place (<see cref="AssertNoPageErrors"/>, when a test ends). A missing browser fails the
/// test: end-to-end tests never skip.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    /// <summary>Uncaught errors and failed console messages of every page opened through <see cref="OpenAsync"/>.</summary>
    private readonly List<string> pageErrors = [];
    private readonly List<string> uncaughtErrors = [];
    private bool failedRequestsExpected;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        this.playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    /// <summary>
    /// Says that this test's pages will see requests fail (it takes the browser offline): the console reports
    /// each refused connection as an error, so only uncaught errors and unhandled rejections fail the test.
    /// </summary>
    public void ExpectFailedRequests() => failedRequestsExpected = true;

    /// <summary>Fails on any uncaught error or unhandled rejection in any page, and on any console error unless failed requests were expected.</summary>
    public void AssertNoPageErrors()
    {
        Assert.Empty(uncaughtErrors);
        if (!failedRequestsExpected)
        {
            Assert.Empty(pageErrors);
        }
    }

    public static async Task<Browser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            return new Browser(playwright, await HeadlessChromium.LaunchAsync(playwright));
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A page in a context of its own (as another person would be), errors recorded; <paramref name="prepare"/>
    /// runs before it navigates (to intercept its requests).
    /// </summary>
    public async Task<IPage> OpenAsync(Uri address, float deviceScaleFactor = 1, Func<IPage, Task>? prepare = null)
    {
        var page = await HeadlessChromium.NewPersonAsync(Chromium, deviceScaleFactor);
        page.PageError += (_, error) =>
        {
            pageErrors.Add(error);
            uncaughtErrors.Add(error);
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                pageErrors.Add(message.Text);
            }
        };
        if (prepare is not null)
        {
            await prepare(page);
        }

        await page.GotoAsync(address.ToString());
        return page;
    }

    /// <summary>
    /// Opens the home page at <paramref name="address"/> and presses "New board" at once, as a person would;
    /// returns the new board's page once it is ready.
    /// </summary>
    public async Task<BoardPage> CreateBoardAsync(Uri address)
    {
        var home = await OpenAsync(address);
        await home.GetByTestId("new-board").ClickAsync();
        return await BoardPage.ReadyAsync(home);
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        playwright.Dispose();
    }
}
