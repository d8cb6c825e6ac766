using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Whiteboard.Bench.Hosting;

/// <summary>
/// A loopback TCP link to a server that holds every byte for a fixed time each way: a network's latency,
/// which loopback does not have, so that the browser scenario can measure what a person on a real network
/// would see. Bytes keep their order; bandwidth is not limited.
/// </summary>
public sealed class DelayedLink : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly DnsEndPoint target;
    private readonly TimeSpan delay;
    private readonly Task accepting;

    private DelayedLink(Uri target, TimeSpan delay)
    {
        this.target = new DnsEndPoint(target.Host, target.Port);
        this.delay = delay;
        listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        accepting = AcceptAsync();
    }

    /// <summary>Where to connect to reach the server through the link.</summary>
    public Uri Address { get; }

    /// <summary>A link to <paramref name="target"/> that delays each way by <paramref name="delay"/>.</summary>
    public static DelayedLink Start(Uri target, TimeSpan delay) => new(target, delay);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                connections.Add(RelayAsync(await listener.AcceptTcpClientAsync(stopping.Token)));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The link is closing.
        }

        await Task.WhenAll(connections);
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(target.Host, target.Port, stopping.Token);
                // Each chunk leaves when due, not held back to be joined with the next (as the ends themselves send).
                client.NoDelay = server.NoDelay = true;
                await Task.WhenAll(ForwardAsync(client.Client, server.Client), ForwardAsync(server.Client, client.Client));
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // One end went away, or the link is closing: the connection ends.
            }
        }
    }

    /// <summary>Reads from one end and writes to the other what was read <see cref="delay"/> before.</summary>
    private async Task ForwardAsync(Socket from, Socket to)
    {
        var chunks = Channel.CreateUnbounded<(long Due, byte[] Bytes)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writing = WriteAsync(chunks.Reader, to);
        try
        {
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await from.ReceiveAsync(buffer, stopping.Token)) > 0)
            {
                chunks.Writer.TryWrite((Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency), buffer[..read]));
            }
        }
        finally
        {
            chunks.Writer.TryComplete();
            await writing;
        }
    }

    private async Task WriteAsync(ChannelReader<(long Due, byte[] Bytes)> chunks, Socket to)
    {
        await foreach (var (due, bytes) in chunks.ReadAllAsync(stopping.Token))
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, stopping.Token);
            }

            await to.SendAsync(bytes, stopping.Token);
        }

        to.Shutdown(SocketShutdown.Send);
    }
}
