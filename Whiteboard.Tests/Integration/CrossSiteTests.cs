using System.Net;
using System.Net.WebSockets;
using Whiteboard.Bench.Hub;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// Another site's page cannot use a visitor's browser against the app: its form cannot make boards, and it
/// cannot open the circuit or the hub. Programs, which name no origin, and the app's own pages still can.
/// </summary>
public sealed class CrossSiteTests : IAsyncLifetime
{
    private const string Foreign = "http://evil.example";
    private const string Proxy = "https://board.example.org";

    private RunningApp app = null!;

    public async Task InitializeAsync() => app = await RunningApp.StartWithAsync("--Whiteboard:AllowedOrigins:0", Proxy);

    public async Task DisposeAsync() => await app.DisposeAsync();

    private string Own => app.Address.GetLeftPart(UriPartial.Authority);

    private async Task<HttpResponseMessage> NewBoardAsync(string? origin, string? fetchSite)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/boards", UriKind.Relative));
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData(Foreign, null)]
    [InlineData(Foreign, "cross-site")]
    [InlineData("null", null)]
    [InlineData(null, "cross-site")]
    [InlineData(null, "same-site")]
    public async Task A_form_on_another_site_makes_no_board(string? origin, string? fetchSite)
    {
        var refused = await NewBoardAsync(origin, fetchSite);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
        Assert.Equal("Refused: this request came from a page on another site.", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_refused_cross_site_request_is_one_line_in_the_log()
    {
        var log = new CapturedLog();
        await using var logged = await RunningApp.StartLoggingAsync(log);
        using var client = logged.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/boards", UriKind.Relative));
        request.Headers.Add("Origin", Foreign);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
        await logged.DisposeAsync();

        var line = Assert.Single(log.Entries, entry => entry.Contains("Refused a cross-site", StringComparison.Ordinal));
        Assert.Equal($"Information Whiteboard.App.Security.CrossSiteRequests: Refused a cross-site POST /boards from {Foreign}", line);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, "same-origin")]
    [InlineData("own", null)]
    [InlineData("own", "same-origin")]
    [InlineData(Proxy, "same-origin")]
    [InlineData(Proxy, null)]
    [InlineData(Proxy, "cross-site")]
    public async Task The_apps_own_page_a_configured_origin_and_programs_make_boards(string? origin, string? fetchSite)
    {
        var made = await NewBoardAsync(origin == "own" ? Own : origin, fetchSite);

        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        Assert.StartsWith("/b/", made.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode> OpenWebSocketAsync(string path, string? origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        var address = new UriBuilder(app.Address) { Scheme = "ws", Path = path }.Uri;
        try
        {
            await socket.ConnectAsync(address, CancellationToken.None);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The answer's status says why.
        }

        return socket.HttpStatusCode;
    }

    [Theory]
    [InlineData("/_blazor")]
    [InlineData("/hubs/board")]
    public async Task A_page_on_another_site_cannot_open_the_circuit_or_the_hub(string path)
    {
        Assert.Equal(HttpStatusCode.Forbidden, await OpenWebSocketAsync(path, Foreign));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await OpenWebSocketAsync(path, Own));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await OpenWebSocketAsync(path, Proxy));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await OpenWebSocketAsync(path, origin: null));
    }

    [Fact]
    public async Task A_page_on_another_site_cannot_negotiate_a_hub_connection_either()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/hubs/board/negotiate?negotiateVersion=1", UriKind.Relative));
        request.Headers.Add("Origin", Foreign);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_signalr_client_which_names_no_origin_still_joins_a_board()
    {
        using var http = app.CreateClient();
        var key = (await http.PostAsync(new Uri("/boards", UriKind.Relative), null)).Headers.Location!.ToString()[3..];
        await using var client = await BoardHubClient.ConnectAsync(app.Address, _ => Task.CompletedTask);

        var joined = await client.JoinAsync(key, "Program");

        Assert.NotNull(joined);
    }
}
