using Microsoft.Playwright;

namespace Whiteboard.Bench.Hosting;

/// <summary>
/// Debian's Chromium driven by Playwright (Playwright's own browser download is not reachable here),
/// launched the same way for the end-to-end tests and the browser benchmarks. A missing browser is an
/// error, never a reason to skip.
/// </summary>
public static class HeadlessChromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>The size of every page: a laptop's board area.</summary>
    public static readonly ViewportSize Viewport = new() { Width = 1000, Height = 700 };

    /// <summary>
    /// The features Playwright 1.64 turns off (its chromiumSwitches.ts), then Chromium's address bar popup.
    /// Chromium keeps only the last <c>--disable-features</c> it is given, so Playwright's list is repeated
    /// here. Chromium 156 loads each window's address bar popup as a web page in a renderer of its own
    /// (hundreds of script modules, about 160 MB), and every person's page here is a window of its own: on
    /// two cores, each board page opened while that loaded became ready 400 ms later.
    /// </summary>
    public static readonly IReadOnlyList<string> DisabledFeatures =
    [
        "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "DialMediaRouteProvider", "GlobalMediaControls",
        "HttpsUpgrades", "LensOverlay", "MediaRouter", "PaintHolding", "ThirdPartyStoragePartitioning",
        "BlockOriginHeaderModificationOnRedirect", "AvoidCorsURLLoaderRestartOnRedirect", "Translate", "AutoDeElevate",
        "OptimizationHints", "NetworkTimeServiceQuerying", "AimEnabled", "msForceBrowserSignIn",
        "msEdgeUpdateLaunchServicesPreferredVersion",
        "WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup",
    ];

    /// <summary>The command-line switches of every Chromium the bench and the tests launch, beside Playwright's own.</summary>
    public static readonly IReadOnlyList<string> Switches =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", $"--disable-features={string.Join(',', DisabledFeatures)}",
    ];

    /// <summary>Chromium's program: Debian's, or the one WHITEBOARD_CHROMIUM names.</summary>
    public static string Executable()
    {
        var executable = Environment.GetEnvironmentVariable("WHITEBOARD_CHROMIUM") ?? DefaultPath;
        return File.Exists(executable)
            ? executable
            : throw new InvalidOperationException($"Chromium was not found at {executable}. ./test.sh installs it (apt-get install chromium).");
    }

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Executable(), Headless = true, Args = Switches });

    /// <summary>A page in a context of its own, as another person's browser would be.</summary>
    public static async Task<IPage> NewPersonAsync(IBrowser browser, float deviceScaleFactor = 1)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Viewport, DeviceScaleFactor = deviceScaleFactor });
        return await context.NewPageAsync();
    }

    /// <summary>The board's surface once the page has drawn the board's snapshot (the page marks it so).</summary>
    public const string BoardReadySelector = "[data-testid=board-surface][data-ready=true]";

    /// <summary>Opens a board's link and waits until its snapshot is shown.</summary>
    public static async Task OpenBoardAsync(IPage page, Uri address, string key, TimeSpan timeout)
    {
        await page.GotoAsync(new Uri(address, $"/b/{key}").ToString(), new PageGotoOptions { Timeout = (float)timeout.TotalMilliseconds });
        await WaitUntilBoardReadyAsync(page, timeout);
    }

    /// <summary>Waits until the board page has its snapshot and shows it.</summary>
    public static Task WaitUntilBoardReadyAsync(IPage page, TimeSpan timeout) =>
        page.Locator(BoardReadySelector).WaitForAsync(new() { Timeout = (float)timeout.TotalMilliseconds });

    /// <summary>Where the board's drawing surface is on the page.</summary>
    public static async Task<LocatorBoundingBoxResult> BoardSurfaceAsync(IPage page) =>
        await page.GetByTestId("board-surface").BoundingBoxAsync() ?? throw new InvalidOperationException("The page shows no board surface.");
}
