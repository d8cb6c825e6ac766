using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
using Whiteboard.Bench.Hub;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// What the app, configured as it ships, writes to its log: never a board's key (the link is the credential),
/// a refusal any client can cause as one line without a stack trace; and no Referer leaves its pages.
/// </summary>
public sealed class LoggingTests
{
    private static async Task<(string Edit, string View)> OpenBoardEveryWayAsync(RunningApp app)
    {
        using var http = app.CreateClient();
        var edit = (await http.PostAsync(new Uri("/boards", UriKind.Relative), null)).Headers.Location!.ToString()[3..];
        var page = await http.GetStringAsync(new Uri($"/b/{edit}", UriKind.Relative));
        await using var client = await BoardHubClient.ConnectAsync(app.Address, _ => Task.CompletedTask);
        await client.JoinAsync(edit, "Logger");
        var view = (await app.Services.GetRequiredService<BoardRooms>().FindAsync(edit, CancellationToken.None))!.Value.Board.ViewKey.ToString();
        await using var watcher = await BoardHubClient.ConnectAsync(app.Address, _ => Task.CompletedTask);
        await watcher.JoinAsync(view, "Watcher");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri($"/b/{view}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri($"/b/{edit}/export.json", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri($"/b/{view}/export.svg", UriKind.Relative))).StatusCode);
        Assert.Contains("Whiteboard", page, StringComparison.Ordinal);
        return (edit, view);
    }

    [Fact]
    public async Task Opening_a_board_by_its_links_logs_neither_key()
    {
        var log = new CapturedLog();
        await using var app = await RunningApp.StartLoggingAsync(log);

        var (edit, view) = await OpenBoardEveryWayAsync(app);
        await app.DisposeAsync();

        Assert.Contains(log.Entries, entry => entry.Contains("Whiteboard is running", StringComparison.Ordinal));
        Assert.DoesNotContain(edit, log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(view, log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_who_turns_request_logging_on_sees_requests_with_their_keys_hidden()
    {
        var log = new CapturedLog();
        await using var app = await RunningApp.StartLoggingAsync(log, dataDirectory: null, "--Logging:LogLevel:Microsoft.AspNetCore=Information");

        var (edit, view) = await OpenBoardEveryWayAsync(app);
        await app.DisposeAsync();

        Assert.Contains(log.Entries, entry => entry.Contains("/b/***/export.json", StringComparison.Ordinal));
        Assert.DoesNotContain(edit, log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(view, log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_any_client_can_cause_is_one_line_without_a_stack_trace()
    {
        var log = new CapturedLog();
        await using var app = await RunningApp.StartLoggingAsync(log);
        await using var client = await BoardHubClient.ConnectAsync(app.Address, _ => Task.CompletedTask);

        var refused = await Assert.ThrowsAsync<HubException>(() => client.JoinAsync("no-such-board-key", "Stranger"));
        await app.DisposeAsync();

        Assert.Contains("There is no board at this link", refused.Message, StringComparison.Ordinal);
        var line = Assert.Single(log.Entries, entry => entry.Contains("There is no board at this link", StringComparison.Ordinal));
        Assert.StartsWith("Information ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Environment.NewLine, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Entries, entry => entry.StartsWith("Error ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/healthz")]
    [InlineData("/b/no-such-board")]
    public async Task No_response_lets_a_browser_send_the_link_on_as_a_referrer(string path)
    {
        await using var app = await RunningApp.StartAsync();
        using var http = app.CreateClient();

        var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }
}
