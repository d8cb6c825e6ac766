using Whiteboard.Bench.Hub;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>
/// A page keeps who is here, and their cursors, from the snapshot's list and the room's changes alone: with a
/// classroom of programs on the board, a rename relabels a cursor already shown and a leave takes one away.
/// </summary>
public sealed class PresenceChangesInPageTests : BoardBrowserTest
{
    [Fact]
    public async Task Cursors_and_the_list_follow_renames_and_leaves_among_thirty_programs()
    {
        var alice = await CreateBoardAsync();
        await alice.SetNameAsync("Alice");
        var bots = new List<BoardHubClient>();
        try
        {
            for (var number = 1; number <= 30; number++)
            {
                var bot = await BoardHubClient.ConnectAsync(App.Address, _ => Task.CompletedTask);
                bots.Add(bot);
                await bot.JoinAsync(alice.Key, $"Bot {number}");
            }

            await alice.WaitForParticipantCountAsync(31);
            var (first, last) = (bots[0], bots[^1]);
            await first.MovePointerAsync(300, 200, onBoard: true, 300, 200, 1);
            await last.MovePointerAsync(120, 150, onBoard: true, 120, 150, 1);
            var (firstAt, lastAt) = (await alice.OnScreenAsync(300, 200), await alice.OnScreenAsync(120, 150));
            await alice.WaitForCursorAsync("Bot 1", firstAt.X, firstAt.Y);
            await alice.WaitForCursorAsync("Bot 30", lastAt.X, lastAt.Y);

            await first.SetNameAsync("Renamed bot");
            await alice.WaitForCursorAsync("Renamed bot", firstAt.X, firstAt.Y);
            await alice.WaitForNoCursorAsync("Bot 1");
            await alice.WaitForParticipantsAsync(["Alice", "Renamed bot", .. Enumerable.Range(2, 6).Select(number => $"Bot {number}")]);

            // Moved again just before leaving: a cursor idle for 10 s is hidden anyway.
            await last.MovePointerAsync(130, 150, onBoard: true, 130, 150, 1);
            var movedTo = await alice.OnScreenAsync(130, 150);
            await alice.WaitForCursorAsync("Bot 30", movedTo.X, movedTo.Y);
            bots.Remove(last);
            await last.DisposeAsync();
            await alice.WaitForNoCursorAsync("Bot 30");
            await alice.WaitForParticipantCountAsync(30);
        }
        finally
        {
            foreach (var bot in bots)
            {
                await bot.DisposeAsync();
            }
        }
    }
}
