using System.Text.RegularExpressions;
using Whiteboard.Bench.Hosting;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// The board page preloads every module of the board's script while it loads (Board.razor's HeadContent):
/// one left out is fetched only once the module importing it has arrived, a round trip later.
/// </summary>
public sealed partial class ModulePreloadTests
{
    [Fact]
    public void Every_module_of_the_board_is_preloaded_by_the_board_page()
    {
        var app = AppProcess.AppContentRoot();
        var wwwroot = Path.Combine(app, "wwwroot");
        var modules = Directory.EnumerateFiles(Path.Combine(wwwroot, "board"), "*.js", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(wwwroot, file).Replace('\\', '/')).ToHashSet();
        var page = File.ReadAllText(Path.Combine(app, "Components", "Pages", "Board.razor"));
        var preloaded = Preload().Matches(page).Select(match => match.Groups["href"].Value).ToHashSet();

        Assert.Subset(preloaded, modules);
        Assert.All(preloaded, href =>
            Assert.True(File.Exists(Path.Combine(href.StartsWith("Components/", StringComparison.Ordinal) ? app : wwwroot, href)), $"{href} is not a file"));
    }

    [GeneratedRegex("<link rel=\"modulepreload\" href=\"(?<href>[^\"]+)\"")]
    private static partial Regex Preload();
}
