using System.Text.RegularExpressions;
using Whiteboard.Bench.Hosting;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// No container engine runs here, so compose.yaml is not run (the cluster tests start its topology as processes, with
/// the same haproxy.cfg): what can be checked is that the two files agree.
/// </summary>
public sealed partial class DeployFilesTests
{
    private static readonly string Deploy = Path.Combine(Path.GetDirectoryName(AppProcess.AppContentRoot())!, "deploy");

    [Fact]
    public void Compose_gives_haproxy_every_setting_its_configuration_reads_and_an_instance_for_each_server()
    {
        var configuration = File.ReadAllText(Path.Combine(Deploy, "haproxy.cfg"));
        var compose = File.ReadAllText(Path.Combine(Deploy, "compose.yaml"));

        var settings = Variable().Matches(configuration).Select(match => match.Groups[1].Value).Distinct().ToList();
        Assert.Contains("WHITEBOARD_BIND", settings);
        Assert.All(settings, setting => Assert.Contains($"      {setting}: ", compose, StringComparison.Ordinal));
        var servers = Server().Matches(configuration).Select(match => match.Groups[1].Value).ToList();
        Assert.Equal(["app1", "app2"], servers);
        Assert.All(servers, server => Assert.Contains($"  {server}: *instance", compose, StringComparison.Ordinal));
        Assert.Contains("./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro", compose, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\$\{(\w+)\}")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^\s*server (\w+) ", RegexOptions.Multiline)]
    private static partial Regex Server();
}
