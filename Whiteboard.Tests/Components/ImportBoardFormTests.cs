using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
using Whiteboard.App.Components.Home;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Components;

public sealed class ImportBoardFormTests : ComponentTest
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<ImportBoardForm> Upload(string content)
    {
        var form = Render<ImportBoardForm>();
        form.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(content, "board.json"));
        return form;
    }

    [Theory]
    [InlineData("a shopping list", "The file is not a Whiteboard board: it is not valid JSON")]
    [InlineData("""{"format":"paint","version":1,"elements":[]}""", "The file is not a Whiteboard board: its \"format\" is not \"whiteboard\".")]
    [InlineData("""{"format":"whiteboard","version":1}""", "The file is not a Whiteboard board: it has no version or no elements.")]
    public void A_file_that_is_not_a_board_says_why_and_opens_nothing(string content, string reason)
    {
        var start = Navigation.Uri;

        var form = Upload(content);

        form.WaitForAssertion(() => Assert.StartsWith(reason, form.Find("[data-testid=import-error]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal(start, Navigation.Uri);
    }

    [Fact]
    public async Task A_board_file_opens_as_a_new_board_with_its_name()
    {
        var form = Upload("""{"format":"whiteboard","version":1,"name":"Plans","elements":[]}""");

        form.WaitForAssertion(() => Assert.Contains("/b/", Navigation.Uri, StringComparison.Ordinal));
        Assert.Empty(form.FindAll("[data-testid=import-error]"));
        var opened = await Rooms.FindAsync(Navigation.Uri[(Navigation.Uri.IndexOf("/b/", StringComparison.Ordinal) + 3)..], CancellationToken.None);
        Assert.Equal(("Plans", BoardAccess.Edit), (opened?.Board.Name, opened?.Access));
    }
}
