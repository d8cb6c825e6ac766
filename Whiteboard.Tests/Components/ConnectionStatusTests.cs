using System.Text.RegularExpressions;
using Bunit;
using Whiteboard.App.Components.Layout;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Components;

/// <summary>
/// The badge's state is set by wwwroot/connection.js (nothing renders while the connection is down), and app.css
/// shows the one label of that state: the tests read which label the style sheet shows in each state.
/// The end-to-end reconnection tests drive the states in a browser.
/// </summary>
public sealed partial class ConnectionStatusTests : ComponentTest
{
    [Theory]
    [InlineData("connected", "Connected")]
    [InlineData("reconnecting", "Reconnecting…")]
    [InlineData("offline", "Offline")]
    public void Each_state_shows_its_own_label(string state, string label)
    {
        var badge = Render<ConnectionStatus>().Find("[data-testid=connection-status]");

        var shown = Assert.Single(ShownLabelClasses(state));
        Assert.Equal(label, LabelOf(badge, shown));
    }

    [Fact]
    public void Every_state_has_a_label_of_its_own()
    {
        var badge = Render<ConnectionStatus>().Find("[data-testid=connection-status]");

        string[] states = ["connecting", "connected", "reconnecting", "offline"];
        var labels = states.Select(state => LabelOf(badge, Assert.Single(ShownLabelClasses(state))));

        Assert.Equal(states.Length, labels.Distinct().Count());
    }

    private static string LabelOf(AngleSharp.Dom.IElement badge, string labelClass) =>
        Assert.Single(badge.Children, child => child.ClassList.Contains(labelClass)).TextContent;

    private static IEnumerable<string> ShownLabelClasses(string state) =>
        LabelRule().Matches(StyleSheet()).Where(rule => rule.Groups["state"].Value == state).Select(rule => rule.Groups["label"].Value);

    private static string StyleSheet()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Whiteboard.sln")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        return File.ReadAllText(Path.Combine(folder.FullName, "Whiteboard.App", "wwwroot", "app.css"));
    }

    [GeneratedRegex("""\.connection-status\[data-state="(?<state>[a-z]+)"\]\s*>\s*\.(?<label>connection-[a-z]+)""")]
    private static partial Regex LabelRule();
}
