using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App.Boards;
using Whiteboard.App.Components.Pages;
using Whiteboard.App.Storage;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Components;

/// <summary>
/// Who is on the board, as the board page's script is told it: a change costs the page the same however many
/// people are on the board (issue 21, item 2).
/// </summary>
public sealed class PagePresenceTests : ComponentTest
{
    private const string CanvasScript = "./Components/Board/BoardCanvas.razor.js";
    private const int PeopleArgument = 2; // apply(bytes, layout, people, you, pointers): wwwroot/board/receiver.js

    private readonly List<BoardSession> others = [];

    /// <summary>The board's canvas in the page, as its script's "attach" returned it.</summary>
    private PageScript Canvas => Page.Module(CanvasScript).Returned("attach");

    [Fact]
    public async Task A_rename_reaches_the_page_in_as_many_bytes_with_forty_people_on_the_board_as_with_two()
    {
        var board = await Rooms.CreateBoardAsync(content: null, CancellationToken.None);
        Page.Module(CanvasScript).Answer("keptIdentity", """{"token":null,"name":"Ada"}""");
        var page = Render<Board>(parameters => parameters.Add(shown => shown.Link, board.EditKey.Value));
        var bob = await JoinAsync(board, "Bob");
        page.WaitForAssertion(() => Assert.Equal("2 people here", HereCount(page)));

        var withTwo = await PeopleToldAsync(page, bob, "Bob the 1st");
        for (var pupil = 1; pupil <= 38; pupil++)
        {
            await JoinAsync(board, $"Pupil {pupil}");
        }

        page.WaitForAssertion(() => Assert.Equal("40 people here", HereCount(page)));
        var withForty = await PeopleToldAsync(page, bob, "Bob the 2nd");

        Assert.Contains("Bob the 2nd", withForty, StringComparison.Ordinal);
        Assert.DoesNotContain("Pupil", withForty, StringComparison.Ordinal);
        Assert.Equal(withTwo.Length, withForty.Length);
    }

    /// <summary>Renames someone else, and returns what the page's script was told of who is here, as JSON, once it shows the name.</summary>
    private async Task<string> PeopleToldAsync(IRenderedComponent<Board> page, BoardSession renamed, string name)
    {
        Assert.True((await renamed.RenameSelfAsync(name)).IsValid);
        page.WaitForAssertion(() => Assert.Contains(name, page.Find("[data-testid=participant-list]").TextContent, StringComparison.Ordinal));
        var told = Canvas.CallsTo("apply")
            .Select(call => JsonSerializer.Serialize(call.Arguments[PeopleArgument], JsonSerializerOptions.Web))
            .Where(people => people.Contains(name, StringComparison.Ordinal));
        return Assert.Single(told);
    }

    private async Task<BoardSession> JoinAsync(BoardRecord board, string name)
    {
        var session = new BoardSession(Rooms, Services.GetRequiredService<ParticipantTokens>(), Clock, NullLogger<BoardSession>.Instance);
        others.Add(session);
        Assert.Null(await session.JoinAsync(board.EditKey, name, _ => Task.CompletedTask));
        return session;
    }

    private static string HereCount(IRenderedComponent<Board> page) => page.Find("[data-testid=participant-count]").TextContent.Trim();

    protected override async ValueTask DisposeAsyncCore()
    {
        foreach (var session in others)
        {
            await session.DisposeAsync();
        }

        await base.DisposeAsyncCore();
    }
}
