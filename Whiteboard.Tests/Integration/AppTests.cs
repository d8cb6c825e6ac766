using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

public sealed class AppTests : IAsyncLifetime
{
    private RunningApp app = null!;

    public async Task InitializeAsync() => app = await RunningApp.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/theme.js")]
    [InlineData("/Components/Board/BoardCanvas.razor.js")]
    [InlineData("/Whiteboard.App.styles.css")]
    public async Task Answers_health_and_serves_the_scripts_and_styles_the_pages_need(string path)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js")]
    [InlineData("/_framework/blazor.web.js")]
    public async Task The_pages_styles_and_scripts_go_compressed_to_a_browser_that_accepts_it(string path)
    {
        using var client = app.CreateClient();
        var plain = await client.GetByteArrayAsync(new Uri(path, UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.AcceptEncoding.ParseAdd("gzip");

        var response = await client.SendAsync(request);
        var sent = await response.Content.ReadAsByteArrayAsync();
        await using var unzipped = new System.IO.Compression.GZipStream(new MemoryStream(sent), System.IO.Compression.CompressionMode.Decompress);
        using var received = new MemoryStream();
        await unzipped.CopyToAsync(received);

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Equal(plain, received.ToArray());
        Assert.True(sent.Length < plain.Length / 3, $"{path} went as {sent.Length:N0} bytes of {plain.Length:N0}");
    }

    [Fact]
    public async Task Asking_for_a_board_page_starts_loading_the_board_before_anyone_joins()
    {
        var rooms = app.Services.GetRequiredService<BoardRooms>();
        var board = await rooms.CreateBoardAsync(new ImportedBoard("Waiting", [new Stroke(Ink.Id("s"), ParticipantId.New(), Ink.Black, Ink.Points(10, 10, 50, 50), Finished: true)]), CancellationToken.None);
        Assert.Equal(0, rooms.LoadedCount);
        using var client = app.CreateClient();

        var page = await client.GetAsync(new Uri($"/b/{board.ViewKey}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (rooms.LoadedCount == 0)
        {
            await Task.Delay(10, patience.Token);
        }

        var (_, elements, _) = await rooms.ReadAsync(board, CancellationToken.None);
        Assert.Single(elements);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_board_page_shows_what_its_link_allows_and_the_boards_name_as_it_arrives(bool edit)
    {
        var rooms = app.Services.GetRequiredService<BoardRooms>();
        var board = await rooms.CreateBoardAsync(new ImportedBoard("Physics", []), CancellationToken.None);
        using var client = app.CreateClient();

        var html = await client.GetStringAsync(new Uri($"/b/{(edit ? board.EditKey : board.ViewKey)}", UriKind.Relative));

        // Before the circuit: so the toolbar does not change, and move the board, once it has started.
        Assert.Equal(edit, html.Contains("data-testid=\"tool-pen\"", StringComparison.Ordinal));
        Assert.Equal(!edit, html.Contains("data-testid=\"view-only\"", StringComparison.Ordinal));
        Assert.Contains("<title>Physics</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_offers_a_new_board_that_works_without_a_circuit_and_outside_what_the_circuit_draws_again()
    {
        using var client = app.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        var form = html.IndexOf("<form method=\"post\" action=\"/boards\">", StringComparison.Ordinal);
        Assert.True(form >= 0);
        Assert.Matches("<button[^>]*type=\"submit\"[^>]*data-testid=\"new-board\"|<button[^>]*data-testid=\"new-board\"[^>]*type=\"submit\"", html);
        // Interactive components are marked in the page; the first comes after the form (the recent boards and the import).
        Assert.True(html.IndexOf("<!--Blazor:", StringComparison.Ordinal) > form);
    }

    [Fact]
    public async Task New_board_redirects_to_a_board_page_that_exists()
    {
        using var client = app.CreateClient();
        var created = await client.PostAsync(new Uri("/boards", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        Assert.Matches("^/b/[A-Za-z0-9_-]{22}$", location);

        var page = await client.GetAsync(new Uri(location, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"board-surface\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/b/not-a-board")]
    [InlineData("/b/AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/b/%3Cscript%3E")]
    public async Task Unknown_or_malformed_board_shows_board_not_found(string path)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Board not found", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"new-board\"", html, StringComparison.Ordinal);
        // Served static: no circuit draws its "New board" again under a press (see the home page).
        Assert.DoesNotContain("<!--Blazor:", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/b/AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/healthz")]
    [InlineData(null)] // a live board's page, which is interactive
    public async Task Every_page_says_where_scripts_may_come_from_and_that_nobody_may_frame_it(string? path)
    {
        using var client = app.CreateClient();
        path ??= (await client.PostAsync(new Uri("/boards", UriKind.Relative), null)).Headers.Location!.ToString();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        // One header: Blazor adds a frame-ancestors policy of its own unless told not to.
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script type=\"importmap\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
