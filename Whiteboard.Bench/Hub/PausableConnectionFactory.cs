using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Whiteboard.Bench.Hub;

/// <summary>
/// Makes connections through another factory, and can stop reading the last one made: what the server sends
/// then stays in its own buffers and the socket's, as for a frozen tab, until the connection closes. The
/// SignalR client alone cannot do that: it reads on while its handlers wait, queueing what arrives in memory.
/// </summary>
internal sealed class PausableConnectionFactory(IConnectionFactory inner) : IConnectionFactory
{
    private PausableReader? reader;

    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var connection = await inner.ConnectAsync(endpoint, cancellationToken);
        reader = new PausableReader(connection.Transport.Input);
        return new PausableConnection(connection, reader);
    }

    public void StopReading() => (reader ?? throw new InvalidOperationException("No connection has been made.")).Pause();

    /// <summary>A connection as it is, but read through <paramref name="input"/>.</summary>
    private sealed class PausableConnection(ConnectionContext inner, PipeReader input) : ConnectionContext
    {
        public override string ConnectionId { get => inner.ConnectionId; set => inner.ConnectionId = value; }

        public override IFeatureCollection Features => inner.Features;

        public override IDictionary<object, object?> Items { get => inner.Items; set => inner.Items = value; }

        public override IDuplexPipe Transport { get; set; } = new DuplexPipe(input, inner.Transport.Output);

        public override CancellationToken ConnectionClosed { get => inner.ConnectionClosed; set => inner.ConnectionClosed = value; }

        public override EndPoint? LocalEndPoint { get => inner.LocalEndPoint; set => inner.LocalEndPoint = value; }

        public override EndPoint? RemoteEndPoint { get => inner.RemoteEndPoint; set => inner.RemoteEndPoint = value; }

        public override void Abort(ConnectionAbortedException abortReason) => inner.Abort(abortReason);

        public override ValueTask DisposeAsync() => inner.DisposeAsync();

        private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
    }
}
