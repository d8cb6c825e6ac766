using System.Text.Json;
using Microsoft.Playwright;
using Whiteboard.Shared.Documents;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>Sharing a board: view-only links, replacing the edit link, renaming, recent boards, export and import.</summary>
public sealed class SharingTests : BoardBrowserTest
{
    [Fact]
    public async Task The_new_board_button_is_never_swapped_under_a_persons_press_as_the_home_page_goes_live()
    {
        // A page that is interactive whole is drawn again when its circuit starts: a press landing on the
        // button then was lost. The home page is static but for its recent boards and import. Nor may the
        // button move when the recent boards appear below it: a press aimed at it would land beside it.
        var home = await Browser.OpenAsync(App.Address, prepare: page => page.AddInitScriptAsync("""
            window.addEventListener('load', () => {
                window.firstButton = document.querySelector('[data-testid=new-board]');
                window.firstTop = window.firstButton?.getBoundingClientRect().top; // the board page, after the press, has none
            });
            """));
        await home.GetByTestId("recent-boards").WaitForAsync();

        Assert.True(await home.EvaluateAsync<bool>(
            "() => window.firstButton instanceof HTMLElement && window.firstButton === document.querySelector('[data-testid=new-board]')"));
        Assert.Equal(
            await home.EvaluateAsync<double>("() => window.firstTop"),
            await home.EvaluateAsync<double>("() => document.querySelector('[data-testid=new-board]').getBoundingClientRect().top"));
        await home.GetByTestId("new-board").ClickAsync();
        await BoardPage.ReadyAsync(home);
    }

    [Fact]
    public async Task A_link_to_no_board_offers_a_new_board_at_once()
    {
        Browser.ExpectFailedRequests(); // the page itself answers 404, which the console reports
        // Served static (no circuit to draw it again), so a press as soon as it shows is never lost.
        var lost = await Browser.OpenAsync(new Uri(App.Address, "/b/AAAAAAAAAAAAAAAAAAAAAA"));
        await lost.GetByTestId("new-board").ClickAsync();
        await BoardPage.ReadyAsync(lost);
        Assert.Matches("/b/[A-Za-z0-9_-]{22}$", lost.Url);
        Assert.DoesNotContain("AAAAAAAAAAAAAAAAAAAAAA", lost.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_sees_strokes_arrive_but_cannot_draw_even_by_sending_straight_to_the_server()
    {
        var alice = await CreateBoardAsync();
        var (viewLink, editLink) = await alice.OpenShareAsync();
        Assert.NotNull(editLink);
        Assert.Equal(alice.Page.Url, editLink);
        Assert.NotEqual(editLink, viewLink);
        await alice.CloseShareAsync();

        var viewer = await BoardPage.ReadyAsync(await Browser.OpenAsync(new Uri(viewLink)));
        await Assertions.Expect(viewer.Page.GetByTestId("view-only")).ToBeVisibleAsync();
        Assert.Equal(0, await viewer.Page.GetByTestId("tool-pen").CountAsync());
        Assert.Equal(0, await viewer.Page.GetByTestId("undo").CountAsync());

        await alice.DrawAsync([(100, 100), (300, 100)]);
        await viewer.WaitForInkAtAsync(200, 100);

        // A drag on a view-only board pans it; nothing is drawn anywhere.
        await viewer.DrawAsync([(150, 400), (350, 450)]);
        const string Sneaky = "[{ kind: 'begin', id: 'sneaky', points: [500, 500, 0.5], color: '#e03131', width: 8 }]";
        Assert.Contains("view-only", await viewer.SubmitRawAsync(Sneaky), StringComparison.Ordinal);

        // Refused again at once (a page sends on before hearing back, so one refusal is often followed by the
        // same): its notice is not shown twice. A different refusal after it still is.
        Assert.Contains("view-only", await viewer.SubmitRawAsync(Sneaky), StringComparison.Ordinal);
        Assert.Contains("kind must be", await viewer.SubmitRawAsync("[{ kind: 'scribble' }]"), StringComparison.Ordinal);
        var notices = viewer.Notices;
        await Assertions.Expect(notices.Filter(new() { HasText = "kind must be" })).ToHaveCountAsync(1);
        await Assertions.Expect(notices.Filter(new() { HasText = "view-only" })).ToHaveCountAsync(1);
        Assert.NotEqual("0", await viewer.Page.EvaluateAsync<string>("() => String(document.querySelector('[data-testid=board-surface]').whiteboard.viewState().x)"));
        // Panned by the drag (200, 50): Alice's next stroke at (200, 200) shows there on the viewer's screen.
        await alice.DrawAsync([(100, 200), (300, 200)]);
        await viewer.WaitForInkAtAsync(200 + 200, 200 + 50);
        Assert.False(await alice.HasInkAtAsync(250, 425));
        Assert.False(await alice.HasInkAtAsync(500, 500));
    }

    [Fact]
    public async Task Replacing_the_edit_link_stops_the_old_one_and_leaves_those_on_it_watching()
    {
        Browser.ExpectFailedRequests(); // the old link's page answers 404, which the console reports
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        var (_, oldLink) = await alice.OpenShareAsync();

        await alice.Page.GetByTestId("replace-edit-link").ClickAsync();
        await Assertions.Expect(alice.Page.GetByTestId("share-edit-link")).Not.ToHaveValueAsync(oldLink!);
        var newLink = await alice.Page.GetByTestId("share-edit-link").InputValueAsync();
        await Assertions.Expect(alice.Page).ToHaveURLAsync(newLink);
        await alice.CloseShareAsync();

        await Assertions.Expect(bob.Page.GetByTestId("view-only")).ToBeVisibleAsync();
        Assert.Contains("replaced", await bob.SubmitRawAsync("[{ kind: 'begin', id: 'late', points: [50, 50, 0.5], color: '#e03131', width: 8 }]"),
            StringComparison.Ordinal);
        await alice.DrawAsync([(100, 100), (300, 100)]);
        await bob.WaitForInkAtAsync(200, 100);

        var stranger = await Browser.OpenAsync(new Uri(oldLink!));
        await Assertions.Expect(stranger.GetByTestId("board-not-found")).ToBeVisibleAsync();
        var carol = await BoardPage.ReadyAsync(await Browser.OpenAsync(new Uri(newLink)));
        await carol.WaitForInkAtAsync(200, 100);
        await Assertions.Expect(carol.Page.GetByTestId("tool-pen")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_rename_reaches_the_peers_and_the_home_page_lists_the_board_by_its_name()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await Assertions.Expect(bob.Page.GetByTestId("board-name")).ToHaveValueAsync("Untitled board");

        await alice.Page.GetByTestId("board-name").FillAsync("<b>Physics</b> 101");
        await alice.Page.GetByTestId("board-name").PressAsync("Enter");
        await Assertions.Expect(bob.Page.GetByTestId("board-name")).ToHaveValueAsync("<b>Physics</b> 101");
        await Assertions.Expect(bob.Page).ToHaveTitleAsync("<b>Physics</b> 101");

        await alice.Page.GotoAsync(App.Address.ToString());
        var recent = alice.Page.GetByTestId("recent-boards");
        await Assertions.Expect(recent.GetByTestId("recent-board-link")).ToHaveTextAsync("<b>Physics</b> 101");
        await Assertions.Expect(recent).ToContainTextAsync("changed just now");
        await recent.GetByTestId("recent-board-link").ClickAsync();
        await BoardPage.ReadyAsync(alice.Page);
        Assert.Equal(bob.Page.Url, alice.Page.Url);
    }

    [Fact]
    public async Task The_svg_export_of_a_board_with_one_rectangle_holds_that_rectangle()
    {
        var alice = await CreateBoardAsync();
        await alice.ChooseToolAsync("rect");
        await alice.DrawAsync([(100, 100), (200, 160)]);
        await alice.WaitForInkAtAsync(150, 100);

        await alice.OpenShareAsync();
        var (name, svg) = await alice.DownloadAsync("export-svg");

        Assert.Equal("Untitled-board.svg", name);
        Assert.Contains("<path d=\"M100 100L200 100L200 160L100 160Z\"", svg, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(svg, "<path "));
    }

    [Fact]
    public async Task A_json_export_imports_as_a_new_board_equal_to_the_first_and_a_bad_file_creates_nothing()
    {
        var alice = await CreateBoardAsync();
        await alice.DrawAsync([(100, 100), (200, 150), (300, 120)]);
        await alice.ChooseToolAsync("ellipse");
        await alice.DrawAsync([(400, 300), (500, 380)]);
        await alice.WaitForInkAtAsync(450, 300);
        await alice.OpenShareAsync();
        var (name, json) = await alice.DownloadAsync("export-json");
        Assert.Equal("Untitled-board.json", name);
        var exported = Path.Combine(Path.GetTempPath(), $"board-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(exported, json);

        var home = await Browser.OpenAsync(App.Address);
        // The list of recent boards appears once the page is live: from then on the file input is too.
        await home.GetByTestId("recent-boards").WaitForAsync();
        // The upload keeps a fresh file input for each choice; the one the button opens is the one not hidden away.
        var import = home.Locator("input[data-testid=import-json]:not(.d-none)");
        var future = Path.Combine(Path.GetTempPath(), $"future-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(future, json.Replace($"\"version\":{BoardDocument.VersionWithoutImages}", "\"version\":7", StringComparison.Ordinal));
        await import.SetInputFilesAsync(future);
        await Assertions.Expect(home.GetByTestId("import-error")).ToContainTextAsync("newer Whiteboard (format version 7)");
        await import.SetInputFilesAsync(new FilePayload { Name = "notes.json", MimeType = "application/json", Buffer = "{ not json"u8.ToArray() });
        await Assertions.Expect(home.GetByTestId("import-error")).ToContainTextAsync("not a Whiteboard board");
        Assert.EndsWith("/", home.Url, StringComparison.Ordinal);

        await import.SetInputFilesAsync(exported);
        var imported = await BoardPage.ReadyAsync(home);
        Assert.NotEqual(alice.Page.Url, imported.Page.Url);
        await imported.WaitForInkAtAsync(200, 150);
        await imported.WaitForInkAtAsync(450, 300);
        await Assertions.Expect(imported.Page.GetByTestId("tool-pen")).ToBeVisibleAsync();

        await imported.OpenShareAsync();
        var (_, again) = await imported.DownloadAsync("export-json");
        Assert.Equal(JsonSerializer.Deserialize<JsonElement>(json).ToString(), JsonSerializer.Deserialize<JsonElement>(again).ToString());
        File.Delete(exported);
        File.Delete(future);
    }

    [Fact]
    public async Task The_png_export_is_a_picture_of_the_board()
    {
        var alice = await CreateBoardAsync();
        await alice.DrawAsync([(100, 100), (300, 100)]);
        await alice.WaitForInkAtAsync(200, 100);
        await alice.OpenShareAsync();

        var download = await alice.Page.RunAndWaitForDownloadAsync(() => alice.Page.GetByTestId("export-png").ClickAsync());
        var png = await File.ReadAllBytesAsync((await download.PathAsync())!);

        Assert.Equal("Untitled-board.png", download.SuggestedFilename);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var (width, height) = (ReadBigEndian(png, 16), ReadBigEndian(png, 20));
        var surface = (await alice.Surface.BoundingBoxAsync())!;
        Assert.Equal(((int)Math.Round(surface.Width), (int)Math.Round(surface.Height)), (width, height));
    }

    private static int ReadBigEndian(byte[] bytes, int at) => (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
}
