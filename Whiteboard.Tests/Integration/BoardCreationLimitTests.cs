using System.Net;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>One client may make only so many boards: past its budget, POST /boards answers 429 with Retry-After and makes nothing.</summary>
public sealed class BoardCreationLimitTests
{
    private static Task<HttpResponseMessage> NewBoardAsync(HttpClient client) => client.PostAsync(new Uri("/boards", UriKind.Relative), null);

    [Fact]
    public async Task A_client_past_its_budget_of_new_boards_is_told_to_wait_and_gets_no_board()
    {
        var log = new CapturedLog();
        await using var app = await RunningApp.StartLoggingAsync(
            log, dataDirectory: null, "--Whiteboard:BoardCreationsPerMinute", "2", "--Whiteboard:BoardCreationBurst", "3");
        using var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            var made = await NewBoardAsync(client);
            Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
            Assert.StartsWith("/b/", made.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        var refused = await NewBoardAsync(client);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
        var wait = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.Equal(
            $"Too many new boards from your address: try again in {wait.Value.TotalSeconds} seconds.",
            await refused.Content.ReadAsStringAsync());
        var line = Assert.Single(log.Entries, entry => entry.Contains("A new board was refused", StringComparison.Ordinal));
        Assert.StartsWith("Information ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Environment.NewLine, line, StringComparison.Ordinal);
    }
}
