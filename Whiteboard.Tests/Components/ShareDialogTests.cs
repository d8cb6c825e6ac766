using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Whiteboard.App.Components.Board;
using Whiteboard.Shared.Validation;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Components;

public sealed class ShareDialogTests : ComponentTest
{
    private const string EditLink = "http://localhost/b/edit-key";
    private const string ViewLink = "http://localhost/b/view-key";

    private readonly List<string> copied = [];

    private Task<IDialogReference> ShowAsync(string? editLink)
    {
        var parameters = new DialogParameters<ShareDialog>
        {
            { dialog => dialog.EditLink, editLink },
            { dialog => dialog.ViewLink, ViewLink },
            { dialog => dialog.ReplaceEditLink, () => Task.FromResult(Validated<string>.Reject("Only for this test.")) },
            { dialog => dialog.Copy, link => { copied.Add(link); return Task.FromResult(true); } },
        };
        var dialogs = Services.GetRequiredService<IDialogService>();
        return Renderer.Dispatcher.InvokeAsync(() => dialogs.ShowAsync<ShareDialog>("Share this board", parameters));
    }

    [Fact]
    public async Task A_viewer_is_shown_the_view_link_and_no_edit_link()
    {
        await ShowAsync(editLink: null);

        Assert.Equal(ViewLink, Dialogs.WaitForElement("input[data-testid=share-view-link]").GetAttribute("value"));
        Assert.Empty(Dialogs.FindAll("[data-testid=share-edit-link], [data-testid=copy-edit-link], [data-testid=replace-edit-link], [data-testid=share-qr-link]"));
        Assert.DoesNotContain("edit-key", Dialogs.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editor_is_shown_both_links_and_copies_the_one_asked_for()
    {
        await ShowAsync(EditLink);

        Assert.Equal(EditLink, Dialogs.WaitForElement("input[data-testid=share-edit-link]").GetAttribute("value"));
        Assert.Equal(ViewLink, Dialogs.Find("input[data-testid=share-view-link]").GetAttribute("value"));
        Dialogs.Find("[data-testid=copy-edit-link]").Click();

        Assert.Equal([EditLink], copied);
        Assert.Equal("Copied.", Dialogs.Find("[data-testid=share-message]").TextContent.Trim());
    }
}
