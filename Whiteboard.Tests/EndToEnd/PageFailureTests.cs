using Microsoft.Playwright;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>
/// What the page could not do, the person is told: a change the server fails to take, an eraser or a selection
/// that cannot ask the board, changes this browser could not keep or read back. The server's failures here are
/// real ones: the page's calls carry what the server cannot read, as a broken or out-of-date page would send.
/// </summary>
public sealed class PageFailureTests : BoardBrowserTest
{
    private const string Whiteboard = "document.querySelector('[data-testid=board-surface]').whiteboard";

    private static Task WaitForNoticeAsync(BoardPage person, string text) =>
        person.Notices.Filter(new LocatorFilterOptions { HasText = text }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });

    [Fact]
    public async Task A_change_the_server_fails_on_is_tried_a_few_times_then_taken_back_and_what_follows_it_goes_through()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);

        // A move whose distance the server cannot read: every call carrying it fails on the server.
        await alice.Page.EvaluateAsync($$"""
            () => {
                const board = {{Whiteboard}};
                const submit = board.submit.bind(board);
                window.unreadableTries = 0;
                board.submit = messages => {
                    if (messages.some(message => message.op === 'unreadable')) window.unreadableTries++;
                    return submit(messages);
                };
                board.sendOnce({ kind: 'move', op: 'unreadable', elements: ['nothing'], dx: 'far', dy: 0 });
            }
            """);
        await alice.DrawAsync([(300, 300), (400, 320)]);

        await WaitForNoticeAsync(alice, "could not be sent: trying again");
        Assert.False(await bob.HasInkAtAsync(350, 310), "the stroke waits behind the change before it");
        await WaitForNoticeAsync(alice, "were taken back");
        await bob.WaitForInkAtAsync(350, 310);
        await alice.WaitForAllAcknowledgedAsync();
        // Tried once and again after 1, 2 and 4 seconds, then given up: not again every second for ever.
        Assert.Equal(4, await alice.Page.EvaluateAsync<int>("() => window.unreadableTries"));
    }

    [Fact]
    public async Task An_eraser_or_a_selection_whose_question_the_server_fails_on_says_so_and_changes_nothing()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await alice.DrawAsync([(300, 300), (400, 300)]);
        await bob.WaitForInkAtAsync(350, 300);

        // The page asks what lies under the pointer in a way the server cannot read.
        await alice.Page.EvaluateAsync($$"""
            () => {
                const dotnet = {{Whiteboard}}.dotnet;
                const invoke = dotnet.invokeMethodAsync.bind(dotnet);
                dotnet.invokeMethodAsync = (method, ...args) =>
                    ['Touching', 'ElementAt', 'Within'].includes(method) ? invoke(method, 'unreadable') : invoke(method, ...args);
            }
            """);

        await alice.Page.Keyboard.PressAsync("e");
        await alice.DrawAsync([(350, 250), (350, 350)]);
        await WaitForNoticeAsync(alice, "The eraser could not tell what it touched");

        await alice.Page.Keyboard.PressAsync("v");
        await alice.DrawAsync([(350, 300), (360, 310)]);
        await WaitForNoticeAsync(alice, "The selection could not tell what it holds");

        await alice.WaitForAllAcknowledgedAsync();
        Assert.True(await bob.HasInkAtAsync(350, 300), "nothing was erased or moved");
    }

    [Fact]
    public async Task Changes_this_browser_kept_but_cannot_read_are_dropped_and_the_person_is_told()
    {
        var alice = await CreateBoardAsync();
        // Written as the page loads again: the page going away keeps its own (empty) outbox over anything there.
        await alice.Page.AddInitScriptAsync($"localStorage.setItem('whiteboard.outbox.{alice.Key}', '[{{\"type\":\"strok')");

        await alice.Page.ReloadAsync();
        var again = await BoardPage.ReadyAsync(alice.Page);

        await WaitForNoticeAsync(again, "could not be read, and were dropped");
        Assert.False(await again.HasKeptChangesAsync());
    }

    [Theory]
    [InlineData("Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };")]
    [InlineData("""
        for (const method of ['getItem', 'setItem', 'removeItem']) {
            Storage.prototype[method] = () => { throw new DOMException('turned off', 'SecurityError'); };
        }
        """)]
    public async Task A_browser_whose_storage_is_full_or_turned_off_still_opens_the_board_and_draws_on_it(string storage)
    {
        var bob = await CreateBoardAsync();
        var alice = await BoardPage.ReadyAsync(await Browser.OpenAsync(new Uri(bob.Page.Url), prepare: page => page.AddInitScriptAsync(storage)));

        await alice.DrawAsync([(100, 100), (300, 100)]);
        await bob.WaitForInkAtAsync(200, 100);
        await alice.WaitForAllAcknowledgedAsync();
    }

    [Fact]
    public async Task Changes_made_offline_that_this_browser_would_not_keep_are_sent_when_back_and_the_person_is_told()
    {
        Browser.ExpectFailedRequests();
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        await alice.WaitForConnectionAsync("connected");
        // This browser's storage is full.
        await alice.Page.EvaluateAsync("() => { Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); }; }");

        await alice.Page.Context.SetOfflineAsync(true);
        await alice.Page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");
        await alice.WaitForConnectionAsync("reconnecting", "offline");
        await alice.DrawAsync([(100, 100), (300, 100)]);
        Assert.False(await alice.HasKeptChangesAsync());

        await alice.Page.Context.SetOfflineAsync(false);
        await alice.WaitForConnectionAsync("connected");
        await WaitForNoticeAsync(alice, "would not keep your changes");
        await bob.WaitForInkAtAsync(200, 100);
    }
}
