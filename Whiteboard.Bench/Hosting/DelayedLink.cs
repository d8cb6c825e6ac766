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
    /// <summary>Completed, except while <see cref="HoldReplies"/> holds what the server sends.</summary>
    private TaskCompletionSource repliesFree = Completed();

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

    /// <summary>
    /// Holds what the server sends until the returned hold is disposed, then sends it on in order, each chunk no
    /// earlier than its delay allows: the browser hears nothing from the server meanwhile, while what it sends still
    /// reaches the server. A test can so be sure that the answers to what a page did come back only after all of it.
    /// </summary>
    public IDisposable HoldReplies()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref repliesFree, hold).TrySetResult();
        return new Hold(hold);
    }

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
                await Task.WhenAll(ForwardAsync(client.Client, server.Client, held: false), ForwardAsync(server.Client, client.Client, held: true));
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // One end went away, or the link is closing: the connection ends.
            }
        }
    }

    /// <summary>
    /// Reads from one end and writes to the other what was read <see cref="delay"/> before; <paramref name="held"/>:
    /// the way from the server, which <see cref="HoldReplies"/> holds.
    /// </summary>
    private async Task ForwardAsync(Socket from, Socket to, bool held)
    {
        var chunks = Channel.CreateUnbounded<(long Due, byte[] Bytes)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writing = WriteAsync(chunks.Reader, to, held);
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

    private async Task WriteAsync(ChannelReader<(long Due, byte[] Bytes)> chunks, Socket to, bool held)
    {
        await foreach (var (due, bytes) in chunks.ReadAllAsync(stopping.Token))
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, stopping.Token);
            }

            if (held)
            {
                await Volatile.Read(ref repliesFree).Task.WaitAsync(stopping.Token);
            }

            await to.SendAsync(bytes, stopping.Token);
        }

        to.Shutdown(SocketShutdown.Send);
    }

    private static TaskCompletionSource Completed()
    {
        var free = new TaskCompletionSource();
        free.SetResult();
        return free;
    }

    /// <summary>Lets what the server sends go on once disposed.</summary>
    private sealed class Hold(TaskCompletionSource hold) : IDisposable
    {
        public void Dispose() => hold.TrySetResult();
    }
}
