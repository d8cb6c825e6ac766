using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App;
using Whiteboard.App.Components.Home;
using Whiteboard.App.Security;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Components;

/// <summary>An import makes a board, so it draws on the same budget of new boards as the home page's button.</summary>
public sealed class ImportRateLimitTests : ComponentTest
{
    private const string Board = """{"format":"whiteboard","version":1,"name":"Plans","elements":[]}""";

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<ImportBoardForm> Upload(string clientAddress)
    {
        var form = Render<ImportBoardForm>(parameters => parameters.Add(p => p.ClientAddress, clientAddress));
        form.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Board, "board.json"));
        return form;
    }

    [Fact]
    public void A_client_that_spent_its_budget_on_new_boards_imports_nothing_and_is_told_to_wait()
    {
        var limiter = Services.GetRequiredService<BoardCreationLimiter>();
        for (var i = 0; i < new WhiteboardOptions().BoardCreationBurst; i++)
        {
            Assert.True(limiter.TryAcquire(IPAddress.Parse("203.0.113.7"), out _));
        }

        var start = Navigation.Uri;
        var refused = Upload("203.0.113.7");

        refused.WaitForAssertion(() => Assert.StartsWith(
            "Too many new boards from your address: try again in", refused.Find("[data-testid=import-error]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal(start, Navigation.Uri);

        var other = Upload("203.0.113.8");

        other.WaitForAssertion(() => Assert.Contains("/b/", Navigation.Uri, StringComparison.Ordinal));
    }
}
