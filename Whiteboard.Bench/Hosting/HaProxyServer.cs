
namespace Whiteboard.Bench.Hosting;

/// <summary>
/// HAProxy in front of a test's instances, run from the same file as the compose file's (deploy/haproxy.cfg), on a
/// free loopback port; killed when disposed.
/// </summary>
public sealed class HaProxyServer : IDisposable
{
    private const string Program = "/usr/sbin/haproxy";

    private readonly ChildProcess process;

    private HaProxyServer(ChildProcess process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    /// <summary>Where browsers and hub programs reach the instances.</summary>
    public Uri Address { get; }

    /// <summary>
    /// Starts in front of the two <paramref name="instances"/> and returns once it answers for one of them. In front of one
    /// instance, both of the file's servers are that one: the same proxy, so that one instance and two compare fairly.
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
        var port = ChildProcess.FreeLoopbackPort();
        var environment = new Dictionary<string, string> { ["WHITEBOARD_BIND"] = $"127.0.0.1:{port}" };
        for (var index = 0; index < instances.Count; index++)
        {
            environment[$"WHITEBOARD_APP{index + 1}"] = $"{instances[index].Host}:{instances[index].Port}";
        }

        // -db: in the foreground, so that the process killed at the end is the proxy itself.
        var server = new HaProxyServer(ChildProcess.Start(Program, ["-db", "-f", configuration], environment), new Uri($"http://127.0.0.1:{port}"));
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

    /// <summary>The proxy's process, whose CPU a benchmark reads.</summary>
    public int ProcessId => process.Id;

    public void Dispose() => process.Dispose();
}
