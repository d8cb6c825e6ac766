using Microsoft.Playwright;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>Several people, each in a browser context of their own, on one board.</summary>
public sealed class SharedBoardTests : BoardBrowserTest
{
    [Fact]
    public async Task Peers_see_a_stroke_grow_latecomers_see_it_and_everyone_is_counted()
    {
        var alice = await CreateBoardAsync();
        Assert.Matches("/b/[A-Za-z0-9_-]{22}$", new Uri(alice.Page.Url).AbsolutePath);

        var bob = await JoinAsync(alice, deviceScaleFactor: 2);
        await alice.WaitForParticipantCountAsync(2);
        Assert.False(await bob.HasInkAtAsync(200, 150));

        // Alice draws and keeps the pen down: Bob sees the stroke while it is being drawn.
        await alice.DrawAsync([(100, 100), (200, 150), (300, 200)], lift: false);
        await bob.WaitForInkAtAsync(200, 150);
        await bob.WaitForInkAtAsync(300, 200);

        // Carol comes late, while the stroke is still in progress, and sees it too.
        var carol = await JoinAsync(alice);
        await carol.WaitForInkAtAsync(200, 150);
        await alice.LiftAsync();

        foreach (var person in new[] { alice, bob, carol })
        {
            await person.WaitForParticipantCountAsync(3);
        }

        Assert.False(await carol.HasInkAtAsync(500, 500));

        // Carol closes her tab: the others see two people.
        await carol.Page.Context.CloseAsync();
        await alice.WaitForParticipantCountAsync(2);
        await bob.WaitForParticipantCountAsync(2);
    }

    [Fact]
    public async Task A_drawers_ink_keeps_reaching_the_others_while_the_servers_answers_are_slow()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);

        // Alice's page hears back from the server only when told, as over a slow way back: her next
        // points still go, and reach Bob, before the first are answered.
        await alice.HoldAnswersAsync();
        await alice.DrawAsync([(100, 400), (200, 400)], lift: false);
        await alice.WaitForCallsSentAsync(2);
        var (x, y) = await alice.LastPointUnansweredAsync();
        Assert.True(x > 100, $"the second call carried no point past the first: {x}");
        await bob.WaitForInkAtAsync(x, y);

        // Once the answers come, everything is acknowledged, and the stroke is whole on Bob's canvas.
        await alice.MovePenAsync(300, 400);
        await alice.LiftAsync();
        await alice.ReleaseAnswersAsync();
        await alice.WaitForAllAcknowledgedAsync();
        await bob.WaitForInkAtAsync(295, 400);
        Assert.False(await alice.HasKeptChangesAsync());
    }

    [Fact]
    public async Task A_stroke_ends_where_the_pen_is_lifted_even_when_the_last_move_was_not_seen()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);

        // The pointer can be lifted at a spot no move reported: the line still reaches where the pen came up.
        await alice.SendPointerAsync("mouse", [("pointerdown", 7, 100, 300), ("pointermove", 7, 200, 300), ("pointerup", 7, 300, 300)]);

        await bob.WaitForInkAtAsync(150, 300);
        await bob.WaitForInkAtAsync(290, 300);
    }

    [Fact]
    public async Task The_chosen_color_and_width_reach_the_peers()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);

        await alice.ChooseAsync("#e03131", widthSteps: 8);
        await Assertions.Expect(alice.Page.GetByTestId("width-value")).ToHaveTextAsync("12 px");
        await Assertions.Expect(alice.ColorField).ToHaveValueAsync("#e03131");

        await alice.DrawAsync([(100, 300), (500, 300)]);
        await bob.WaitForInkAtAsync(300, 300);
        var center = await bob.ColorAtAsync(300, 300);
        Assert.True(center[0] > 200 && center[1] < 90 && center[2] < 90, $"not red: {string.Join(',', center)}");
        // 12 px wide: paint 5 px from the line's middle (a 4 px line would leave it blank).
        Assert.True((await bob.ColorAtAsync(300, 305))[3] > 0);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_reason_and_reaches_nobody()
    {
        var mallory = await CreateBoardAsync();
        var peer = await JoinAsync(mallory);

        string[] attacks =
        [
            "[{ kind: 'begin', id: 'nan', points: [NaN, 50, 0.5], color: '#000000', width: 4 }]",
            "[{ kind: 'begin', id: 'inf', points: [50, Infinity, 0.5], color: '#000000', width: 4 }]",
            "[{ kind: 'begin', id: 'far', points: [5e9, 50, 0.5], color: '#000000', width: 4 }]",
            "[{ kind: 'begin', id: 'thin', points: [50, 50, 0.5], color: '#000000', width: 0 }]",
            "[{ kind: 'begin', id: 'wide', points: [50, 50, 0.5], color: '#000000', width: 1e9 }]",
            "[{ kind: 'begin', id: 'css', points: [50, 50, 0.5], color: 'red;background:url(x)', width: 4 }]",
            "[{ kind: 'begin', id: 'many', points: Array.from({ length: 300000 }, () => 50), color: '#000000', width: 4 }]",
            "[{ kind: 'extend', id: 'nobody', from: 1, points: [50, 50, 0.5] }]",
            "[{ kind: 'move', op: 'm1', elements: ['ghost'], dx: 10, dy: 10 }]",
            "[{ kind: 'erase', op: 'e1', elements: ['ghost'] }]",
            "[{ kind: 'text', id: 'huge', points: [50, 50], color: '#000000', width: 4, text: 'x'.repeat(1000000) }]",
            "[{ kind: 'shape', id: 'nan', shape: 'rect', points: [NaN, 50, 60, 60], color: '#000000', width: 4 }]",
            "[{ kind: 'undo', op: 'u1' }]",
            "[{ kind: 'redo', op: 'r1' }]",
        ];
        foreach (var attack in attacks)
        {
            var rejection = await mallory.SubmitRawAsync(attack);
            Assert.False(string.IsNullOrWhiteSpace(rejection), $"accepted: {attack}");
        }

        await mallory.Notices.First.WaitForAsync();

        // The circuit is alive: a real stroke still goes through, and none of the refused ones came before it.
        await mallory.DrawAsync([(300, 300), (400, 320)]);
        await peer.WaitForInkAtAsync(350, 310);
        Assert.False(await peer.HasInkAtAsync(50, 50));
    }
}
