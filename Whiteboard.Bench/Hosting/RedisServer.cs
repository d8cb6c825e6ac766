using System.Net;
using System.Net.Sockets;

namespace Whiteboard.Bench.Hosting;

/// <summary>A private Redis for a test's cluster: on a free loopback port, nothing saved to disk, killed when disposed.</summary>
public sealed class RedisServer : IDisposable
{
    private const string Program = "/usr/bin/redis-server";

    private readonly ChildProcess process;

    private RedisServer(ChildProcess process, int port)
    {
        this.process = process;
        ConnectionString = $"127.0.0.1:{port}";
    }

    /// <summary>A StackExchange.Redis connection string (<c>Whiteboard:Cluster:Redis</c>).</summary>
    public string ConnectionString { get; }

    public static async Task<RedisServer> StartAsync()
    {
        if (!File.Exists(Program))
        {
            throw new InvalidOperationException($"Redis is not installed (no {Program}): run ./test.sh, which installs it.");
        }

        var port = ChildProcess.FreeLoopbackPort();
        var process = ChildProcess.Start(
            Program, ["--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"], new Dictionary<string, string>());
        var server = new RedisServer(process, port);
        try
        {
            await WaitUntilListeningAsync(port);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>A stand-in to start a test waits for: the server's port takes connections.</summary>
    private static async Task WaitUntilListeningAsync(int port)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
            }
        }
    }

    public int ProcessId => process.Id;

    public void Dispose() => process.Dispose();
}
