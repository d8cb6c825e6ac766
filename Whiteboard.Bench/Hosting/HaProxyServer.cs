
namespace Whiteboard.Bench.Hosting;

/// <summary>
/// HAProxy in front of a test's instances, run from the same file as the compose file's (deploy/haproxy.cfg), on a
/// free loopback port; killed when disposed.
/// </summary>
public sealed class HaProxyServer : IDisposable
{
    private const string Program = "/usr/sbin/haproxy";

    private readonly ChildProcess process;

    /// <summary>The configuration written for more than two instances, deleted with the proxy.</summary>
    private readonly string? writtenConfiguration;

    private HaProxyServer(ChildProcess process, Uri address, string? writtenConfiguration)
    {
        this.process = process;
        Address = address;
        this.writtenConfiguration = writtenConfiguration;
    }

    /// <summary>Where browsers and hub programs reach the instances.</summary>
    public Uri Address { get; }

    /// <summary>
    /// Starts in front of the <paramref name="instances"/> and returns once it answers for one of them. In front of one
    /// instance, both of the file's servers are that one: the same proxy, so that one instance and two compare fairly.
    /// In front of more than two, the file gets one more <c>server</c> line for each, as its own comment says to.
    /// </summary>
    public static async Task<HaProxyServer> StartAsync(IReadOnlyList<Uri> instances)
    {
        if (instances.Count == 1)
        {
            instances = [instances[0], instances[0]];
        }

        if (!File.Exists(Program))
        {
            throw new InvalidOperationException($"HAProxy is not installed (no {Program}): run ./test.sh, which installs it.");
        }

        var configuration = Path.Combine(Path.GetDirectoryName(AppProcess.AppContentRoot())!, "deploy", "haproxy.cfg");
        var written = instances.Count > 2 ? WithMoreServers(configuration, instances.Count) : null;
        var port = ChildProcess.FreeLoopbackPort();
        var environment = new Dictionary<string, string> { ["WHITEBOARD_BIND"] = $"127.0.0.1:{port}" };
        for (var index = 0; index < instances.Count; index++)
        {
            environment[$"WHITEBOARD_APP{index + 1}"] = $"{instances[index].Host}:{instances[index].Port}";
        }

        // -db: in the foreground, so that the process killed at the end is the proxy itself.
        var server = new HaProxyServer(ChildProcess.Start(Program, ["-db", "-f", written ?? configuration], environment), new Uri($"http://127.0.0.1:{port}"), written);
        try
        {
            using var client = new HttpClient { BaseAddress = server.Address };
            await AppProcess.WaitUntilHealthyAsync(client);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A copy of the deploy file with servers app3 to app<paramref name="instances"/> added to its backend, the file's last
    /// section, in the form of its own two (their addresses from WHITEBOARD_APP3 and on).
    /// </summary>
    private static string WithMoreServers(string configuration, int instances)
    {
        var more = Enumerable.Range(3, instances - 2).Select(n => $"    server app{n} \"${{WHITEBOARD_APP{n}}}\" cookie app{n}");
        var written = Path.Combine(Path.GetTempPath(), $"whiteboard-haproxy-{Guid.NewGuid():N}.cfg");
        File.WriteAllLines(written, [.. File.ReadAllLines(configuration), .. more]);
        return written;
    }

    /// <summary>The proxy's process, whose CPU a benchmark reads.</summary>
    public int ProcessId => process.Id;

    public void Dispose()
    {
        process.Dispose();
        if (writtenConfiguration is not null)
        {
            File.Delete(writtenConfiguration);
        }
    }
}
