using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
using Whiteboard.App.Hubs;
using Whiteboard.Shared.Protocol;

namespace Whiteboard.Bench.Hub;

/// <summary>
/// A program on a board through <c>/hubs/board</c>, with the SignalR .NET client (WebSockets without
/// negotiation, the JSON protocol): it joins, submits, and hands the updates of each message it is sent
/// to a receiver, one message at a time, in the order sent. A hub error is thrown as a <see cref="Microsoft.AspNetCore.SignalR.HubException"/>.
/// </summary>
public sealed class BoardHubClient : IAsyncDisposable
{
    /// <summary>The stalled participant's connections, which can stop reading (null for every other client).</summary>
    private readonly PausableConnectionFactory? connections;

    private BoardHubClient(HubConnection connection, PausableConnectionFactory? connections)
    {
        Connection = connection;
        this.connections = connections;
    }

    /// <summary>The client's connection, for calls this class has no method for.</summary>
    public HubConnection Connection { get; }

    /// <summary>Connects to the hub of the app at <paramref name="app"/>; <paramref name="receive"/> gets each message's updates.</summary>
    public static Task<BoardHubClient> ConnectAsync(Uri app, Func<HubUpdate[], Task> receive, CancellationToken cancellationToken = default) =>
        ConnectAsync(app, receive, stallable: false, cancellationToken);

    /// <summary>
    /// Joins the board as a participant that then reads nothing more, as a frozen tab: what the hub sends it piles
    /// up on the server's side, which must neither stall the board nor grow without bound.
    /// </summary>
    public static async Task<BoardHubClient> JoinStalledAsync(Uri app, string key, string name)
    {
        var client = await ConnectAsync(app, _ => Task.CompletedTask, stallable: true, CancellationToken.None);
        // It hears nothing from the server from now on, which the client would otherwise take for a dead server after 30 s.
        client.Connection.ServerTimeout = TimeSpan.FromDays(1);
        await client.JoinAsync(key, name);
        client.connections!.StopReading();
        return client;
    }

    private static async Task<BoardHubClient> ConnectAsync(
        Uri app, Func<HubUpdate[], Task> receive, bool stallable, CancellationToken cancellationToken)
    {
        PausableConnectionFactory? connections = null;
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(app, "/hubs/board"), HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                if (stallable)
                {
                    // A small buffer between socket and client, so that the server feels the stall after 64 KB, not a megabyte.
                    options.TransportMaxBufferSize = 64 * 1024;
                }
            })
            // What the hub reads as missing need not be sent: a stroke's batch stays as short as a browser's.
            .AddJsonProtocol(options => options.PayloadSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        if (stallable)
        {
            // Only a client that will stop reading pays for the wrapper: the others' reads stay the client's own.
            builder.Services.AddSingleton<IConnectionFactory>(services =>
                connections = new PausableConnectionFactory(ActivatorUtilities.CreateInstance<HttpConnectionFactory>(services)));
        }

        var connection = builder.Build();
        connection.On("Updates", receive);
        try
        {
            await connection.StartAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return new BoardHubClient(connection, connections);
    }

    /// <summary>Joins the board <paramref name="key"/> opens; <paramref name="token"/> is one an earlier join returned, to be the same participant again.</summary>
    public Task<HubJoined> JoinAsync(string key, string name, string? token = null, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<HubJoined>("Join", key, name, token, cancellationToken);

    /// <summary>Submits operations in order, as a browser's batch; the first reason one was refused, if any.</summary>
    public Task<SubmitResult> SubmitAsync(IReadOnlyList<BoardMessage> messages, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<SubmitResult>("Submit", messages, cancellationToken);

    /// <summary>Shows the others where this participant points and looks.</summary>
    public Task MovePointerAsync(double x, double y, bool onBoard, double viewX, double viewY, double viewScale) =>
        Connection.InvokeCoreAsync("MovePointer", [x, y, onBoard, viewX, viewY, viewScale]);

    /// <summary>Presents with the laser pointer at a board point; the server drops it over the pointer's rate.</summary>
    public Task MoveLaserAsync(double x, double y, double viewX, double viewY, double viewScale) =>
        Connection.InvokeCoreAsync("MoveLaser", [x, y, viewX, viewY, viewScale]);

    /// <summary>Shows this participant under a new name; the name kept (a refusal, a bad name or too many at once, is a HubException saying why).</summary>
    public Task<string> SetNameAsync(string? name) => Connection.InvokeAsync<string>("SetName", name);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
