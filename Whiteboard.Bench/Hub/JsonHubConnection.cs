using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;

namespace Whiteboard.Bench.Hub;

/// <summary>
/// A small SignalR client speaking the JSON hub protocol over one WebSocket (the official client's
/// dependencies do not restore here). Shaped like <c>Microsoft.AspNetCore.SignalR.Client.HubConnection</c>
/// (StartAsync, On, InvokeAsync, SendAsync, Closed) so it can be swapped for it: handshake
/// <c>{"protocol":"json","version":1}</c>, records ended by 0x1E; invocation (1), completion (3),
/// ping (6), close (7).
/// </summary>
public sealed class JsonHubConnection(Uri hubUrl) : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1E;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket socket = new();
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> pending = new();
    private readonly ConcurrentDictionary<string, Func<JsonElement, Task>> handlers = new();
    private readonly CancellationTokenSource closing = new();
    private readonly ArrayBufferWriter<byte> incoming = new(64 * 1024);
    private Task receiving = Task.CompletedTask;
    private Task pinging = Task.CompletedTask;
    private long lastInvocation;

    /// <summary>Raised once when the connection ends: null when closed by this side, otherwise why.</summary>
    public event Func<Exception?, Task>? Closed;

    /// <summary>Connects (WebSockets only, no negotiation) and completes the handshake.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var address = new UriBuilder(hubUrl) { Scheme = hubUrl.Scheme == "https" ? "wss" : "ws" }.Uri;
        await socket.ConnectAsync(address, cancellationToken);
        await WriteAsync("""{"protocol":"json","version":1}"""u8.ToArray(), cancellationToken);
        using var handshake = JsonDocument.Parse(Records(await ReadMessageAsync(cancellationToken)).Single());
        if (handshake.RootElement.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"The hub refused the handshake: {error.GetString()}");
        }

        receiving = ReceiveAsync();
        pinging = PingAsync();
    }

    /// <summary>Calls <paramref name="handler"/> with the first argument of each invocation of <paramref name="method"/>.</summary>
    public IDisposable On<T>(string method, Func<T, Task> handler)
    {
        handlers[method] = argument => handler(argument.Deserialize<T>(Json)!);
        return new Unsubscriber(() => handlers.TryRemove(method, out _));
    }

    /// <summary>Invokes a hub method and waits for its result; a hub error is thrown as <see cref="HubError"/>.</summary>
    public async Task<T> InvokeAsync<T>(string method, object?[] arguments, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref lastInvocation).ToString(CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = completion;
        try
        {
            await WriteAsync(JsonSerializer.SerializeToUtf8Bytes(new { type = 1, invocationId = id, target = method, arguments }, Json), cancellationToken);
            var result = await completion.Task.WaitAsync(cancellationToken);
            return result.ValueKind == JsonValueKind.Undefined ? default! : result.Deserialize<T>(Json)!;
        }
        finally
        {
            pending.TryRemove(id, out _);
        }
    }

    /// <summary>Invokes a hub method without waiting for it (no result, no error comes back).</summary>
    public Task SendAsync(string method, object?[] arguments, CancellationToken cancellationToken = default) =>
        WriteAsync(JsonSerializer.SerializeToUtf8Bytes(new { type = 1, target = method, arguments }, Json), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // Already gone.
            }
        }

        await closing.CancelAsync();
        await Task.WhenAll(receiving, pinging);
        socket.Dispose();
        sending.Dispose();
        closing.Dispose();
    }

    private async Task WriteAsync(byte[] json, CancellationToken cancellationToken)
    {
        var record = new byte[json.Length + 1];
        json.CopyTo(record, 0);
        record[^1] = RecordSeparator;
        await sending.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(record, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>
    /// Reads one WebSocket message into a buffer this connection reuses: what it returns is valid until the
    /// next read (the load generator reads a hundred thousand messages a second; copying each cost it CPU
    /// the server then waited for).
    /// </summary>
    private async Task<ReadOnlyMemory<byte>> ReadMessageAsync(CancellationToken cancellationToken)
    {
        incoming.ResetWrittenCount();
        ValueWebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(incoming.GetMemory(64 * 1024), cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "The hub closed the connection.");
            }

            incoming.Advance(received.Count);
        }
        while (!received.EndOfMessage);

        return incoming.WrittenMemory;
    }

    /// <summary>The records of a message (a message may carry several).</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> Records(ReadOnlyMemory<byte> message)
    {
        for (var end = message.Span.IndexOf(RecordSeparator); end >= 0; end = message.Span.IndexOf(RecordSeparator))
        {
            yield return message[..end];
            message = message[(end + 1)..];
        }
    }

    private async Task ReceiveAsync()
    {
        Exception? failure = null;
        try
        {
            while (!closing.IsCancellationRequested)
            {
                foreach (var record in Records(await ReadMessageAsync(closing.Token)))
                {
                    using var message = JsonDocument.Parse(record);
                    if (!await DispatchAsync(message.RootElement))
                    {
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            // Closed by this side.
        }
        catch (Exception exception) when (exception is WebSocketException or JsonException or IOException)
        {
            failure = exception;
        }
        finally
        {
            var ended = failure ?? new OperationCanceledException("The connection was closed.");
            foreach (var completion in pending.Values)
            {
                completion.TrySetException(ended);
            }

            if (Closed is { } closed)
            {
                await closed(failure);
            }
        }
    }

    /// <summary>Handles one message; false when the hub closed the connection.</summary>
    private async Task<bool> DispatchAsync(JsonElement message)
    {
        switch (message.GetProperty("type").GetInt32())
        {
            case 1 when handlers.TryGetValue(message.GetProperty("target").GetString()!, out var handler):
                var arguments = message.GetProperty("arguments");
                // The handler takes what it keeps before its first await (On deserializes it), so no copy here.
                await handler(arguments.GetArrayLength() > 0 ? arguments[0] : default);
                break;
            case 3 when pending.TryGetValue(message.GetProperty("invocationId").GetString()!, out var completion):
                if (message.TryGetProperty("error", out var error))
                {
                    completion.TrySetException(new HubError(error.GetString() ?? "The hub method failed."));
                }
                else
                {
                    completion.TrySetResult(message.TryGetProperty("result", out var result) ? result.Clone() : default);
                }

                break;
            case 7:
                return false;
        }

        return true;
    }

    private async Task PingAsync()
    {
        using var timer = new PeriodicTimer(PingInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(closing.Token))
            {
                await WriteAsync("""{"type":6}"""u8.ToArray(), closing.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The connection is closing.
        }
    }

    private sealed class Unsubscriber(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}

/// <summary>An error the hub sent back for one invocation; the connection goes on.</summary>
public sealed class HubError(string message) : Exception(message);
