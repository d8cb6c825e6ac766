using System.Text.RegularExpressions;
using Whiteboard.Bench.Hosting;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>The browser the tests and the benchmark drive spends its time on the board pages, and keeps Playwright's settings.</summary>
public sealed partial class HeadlessChromiumTests
{
    [Fact]
    public async Task A_persons_window_loads_no_address_bar_popup_beside_the_page()
    {
        await using var browser = await Browser.LaunchAsync();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var page = await HeadlessChromium.NewPersonAsync(browser.Chromium);
            await page.GotoAsync("about:blank");
        }

        var session = await browser.Chromium.NewBrowserCDPSessionAsync();
        var targets = (await session.SendAsync("Target.getTargets"))!.Value.GetProperty("targetInfos").EnumerateArray()
            .Select(target => $"{target.GetProperty("type").GetString()} {target.GetProperty("url").GetString()}");

        Assert.Equal(["page about:blank", "page about:blank"], targets);
    }

    [Fact]
    public async Task Every_feature_Playwright_turns_off_stays_off()
    {
        // Chromium keeps only the last --disable-features: ours must carry Playwright's own list too.
        var driver = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, ".playwright", "package", "lib", "coreBundle.js"));
        var list = PlaywrightDisabledFeatures().Match(driver);
        Assert.True(list.Success, "Playwright's driver no longer lists the features it turns off where this test looks");
        var playwrightFeatures = QuotedName().Matches(list.Groups["list"].Value).Select(match => match.Groups["name"].Value).ToList();

        Assert.Contains("PaintHolding", playwrightFeatures);
        Assert.Empty(playwrightFeatures.Except(HeadlessChromium.DisabledFeatures));
    }

    [GeneratedRegex(@"disabledFeatures = \[(?<list>[^\]]*)\]")]
    private static partial Regex PlaywrightDisabledFeatures();

    [GeneratedRegex(@"""(?<name>[A-Za-z]+)""")]
    private static partial Regex QuotedName();
}
