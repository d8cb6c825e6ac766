using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>
/// Stands in for a PostgreSQL server that cannot be reached: it takes connections and never answers, holding each
/// until <see cref="Drop"/>, as a client waits out its connect timeout on a real one. It counts the connections
/// it was asked for, each of which costs such a timeout.
/// </summary>
public sealed class StalledPostgreSqlServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly List<TcpClient> held = [];
    private readonly SemaphoreSlim connected = new(0);
    private readonly Task accepting;
    private bool dropping;
    private int connections;

    public StalledPostgreSqlServer()
    {
        listener.Start();
        accepting = AcceptAllAsync();
    }

    /// <summary>Reaches the stand-in without TLS or GSS, which a client would otherwise try again without.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = ((IPEndPoint)listener.LocalEndpoint).Port,
        Username = "postgres",
        SslMode = SslMode.Disable,
        GssEncryptionMode = GssEncryptionMode.Disable,
    }.ConnectionString;

    /// <summary>How many connections were asked for so far.</summary>
    public int Connections
    {
        get
        {
            lock (held)
            {
                return connections;
            }
        }
    }

    /// <summary>Completes once one more connection has been asked for, or fails after <paramref name="timeout"/>.</summary>
    public async Task NextConnectionAsync(TimeSpan timeout)
    {
        if (!await connected.WaitAsync(timeout))
        {
            throw new TimeoutException($"No connection came within {timeout}.");
        }
    }

    /// <summary>Closes the connections held, and from now on each new one as soon as it comes: a server gone.</summary>
    public void Drop()
    {
        lock (held)
        {
            dropping = true;
            held.ForEach(client => client.Dispose());
            held.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await accepting;
        Drop();
        listener.Dispose();
        stopping.Dispose();
        connected.Dispose();
    }

    private async Task AcceptAllAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                lock (held)
                {
                    connections++;
                    if (dropping)
                    {
                        client.Dispose();
                    }
                    else
                    {
                        held.Add(client);
                    }
                }

                connected.Release();
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: no more connections are taken.
        }
    }
}
