using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Whiteboard.App.Hubs;

namespace Whiteboard.Bench.Hub;

/// <summary>
/// A program on a board through <c>/hubs/board</c> that only listens, speaking SignalR's JSON protocol over a bare
/// WebSocket (no negotiation, as the SignalR client's SkipNegotiation): it joins through the hub's <c>Join</c> like any
/// program, then reads each <c>Updates</c> message with a <see cref="Utf8JsonReader"/> and hands on only the stroke
/// extensions (id and first index), no object per message. A crowd's load generator so costs the machine far less than
/// the SignalR .NET client's, which turns every message into objects, and leaves the cores to the app it measures.
/// </summary>
public sealed class LeanHubReceiver : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1E;
    private const string JoinInvocationId = "join";

    // What SignalR's JSON protocol sends a server within its client timeout (30 s by default) when there is nothing else to send.
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(15);
    private static readonly byte[] Ping = [.. """{"type":6}"""u8, RecordSeparator];
    private static readonly byte[] Handshake = [.. """{"protocol":"json","version":1}"""u8, RecordSeparator];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ClientWebSocket socket;
    private readonly Action<ReadOnlySpan<byte>, int> extended;
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly CancellationTokenSource closing = new();
    private readonly TaskCompletionSource<HubJoined> joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task running = Task.CompletedTask;
    private long messages;

    private LeanHubReceiver(ClientWebSocket socket, Action<ReadOnlySpan<byte>, int> extended)
    {
        this.socket = socket;
        this.extended = extended;
    }

    /// <summary>
    /// Connects to the hub of the app at <paramref name="app"/> and completes SignalR's handshake; <paramref name="extended"/>
    /// gets the id (UTF-8, as sent) and first index of each stroke extension the hub sends, on the receiving thread.
    /// </summary>
    public static async Task<LeanHubReceiver> ConnectAsync(Uri app, Action<ReadOnlySpan<byte>, int> extended, CancellationToken cancellationToken = default)
    {
        var socket = new ClientWebSocket();
        var receiver = new LeanHubReceiver(socket, extended);
        try
        {
            var hub = new UriBuilder(new Uri(app, "/hubs/board")) { Scheme = app.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
            await socket.ConnectAsync(hub, cancellationToken);
            await receiver.SendAsync(Handshake, cancellationToken);
            await receiver.ReadHandshakeAsync(cancellationToken);
        }
        catch
        {
            await receiver.DisposeAsync();
            throw;
        }

        receiver.running = Task.WhenAll(receiver.ReceiveAsync(receiver.closing.Token), receiver.PingAsync(receiver.closing.Token));
        return receiver;
    }

    /// <summary>
    /// The <c>Updates</c> messages read so far: what the server paid a send and a wake-up for, however many batches each
    /// carried.
    /// </summary>
    public long Messages => Interlocked.Read(ref messages);

    /// <summary>Joins the board <paramref name="key"/> opens, as the hub's <c>Join</c>; a refusal is a <see cref="HubException"/> saying why.</summary>
    public async Task<HubJoined> JoinAsync(string key, string name, CancellationToken cancellationToken = default)
    {
        var invocation = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(invocation))
        {
            writer.WriteStartObject();
            writer.WriteNumber("type", 1);
            writer.WriteString("invocationId", JoinInvocationId);
            writer.WriteString("target", "Join");
            writer.WriteStartArray("arguments");
            writer.WriteStringValue(key);
            writer.WriteStringValue(name);
            writer.WriteNullValue();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        invocation.Write([RecordSeparator]);
        await SendAsync(invocation.WrittenMemory, cancellationToken);
        return await joined.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        try
        {
            await running;
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // Closing ends the reads and pings under way: that is how they stop.
        }

        socket.Abort();
        socket.Dispose();
        sending.Dispose();
        closing.Dispose();
    }

    private async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        // A WebSocket takes one send at a time: the join and the pings take turns.
        await sending.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>Reads the server's handshake answer, an empty object unless it refuses the protocol.</summary>
    private async Task ReadHandshakeAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var length = 0;
        while (Array.IndexOf(buffer, RecordSeparator, 0, length) < 0)
        {
            if (length == buffer.Length)
            {
                throw new InvalidOperationException("The hub's handshake answer is longer than expected.");
            }

            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The hub closed the connection during the handshake.");
            }

            length += result.Count;
        }

        var answer = buffer.AsSpan(0, Array.IndexOf(buffer, RecordSeparator, 0, length));
        var reader = new Utf8JsonReader(answer);
        if (JsonDocument.ParseValue(ref reader).RootElement.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"The hub refused the handshake: {error.GetString()}");
        }
    }

    /// <summary>Reads messages until the connection closes: each record, up to a separator, read as it completes.</summary>
    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                length += result.Count;
                var read = 0;
                int separator;
                while ((separator = buffer.AsSpan(read, length - read).IndexOf(RecordSeparator)) >= 0)
                {
                    Read(buffer.AsSpan(read, separator));
                    read += separator + 1;
                }

                buffer.AsSpan(read, length - read).CopyTo(buffer);
                length -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            joined.TrySetException(new InvalidOperationException("The hub closed the connection before the join was answered."));
        }
    }

    private async Task PingAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PingInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await SendAsync(Ping, cancellationToken);
        }
    }

    /// <summary>One message: an invocation's stroke extensions go on, the join's completion answers the join, the rest (pings) is read past.</summary>
    private void Read(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("arguments"u8))
            {
                Interlocked.Increment(ref messages);
                reader.Read();
                ReadArguments(ref reader);
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                joined.TrySetResult(JsonSerializer.Deserialize<HubJoined>(ref reader, Json)!);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                joined.TrySetException(new HubException(reader.GetString()));
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary><c>Updates</c>' arguments: one, a list of updates, each an object whose <c>events</c> may hold stroke extensions.</summary>
    private void ReadArguments(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                ReadUpdate(ref reader);
            }
        }
    }

    private void ReadUpdate(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var events = reader.ValueTextEquals("events"u8);
            reader.Read();
            if (events && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadEvent(ref reader);
                }
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private void ReadEvent(ref Utf8JsonReader reader)
    {
        var isExtension = false;
        var id = ReadOnlySpan<byte>.Empty;
        int? from = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("change"u8))
            {
                reader.Read();
                isExtension = reader.ValueTextEquals("extended"u8);
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.ValueSpan;
            }
            else if (reader.ValueTextEquals("from"u8))
            {
                reader.Read();
                from = reader.GetInt32();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (isExtension && from is { } index)
        {
            extended(id, index);
        }
    }
}
