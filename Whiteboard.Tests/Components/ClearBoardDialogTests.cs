using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Whiteboard.App.Components.Board;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Components;

public sealed class ClearBoardDialogTests : ComponentTest
{
    private Task<IDialogReference> ShowAsync()
    {
        var dialogs = Services.GetRequiredService<IDialogService>();
        return Renderer.Dispatcher.InvokeAsync(() => dialogs.ShowAsync<ClearBoardDialog>("Clear the board?"));
    }

    [Fact]
    public async Task Cancel_answers_do_not_clear_and_closes()
    {
        var dialog = await ShowAsync();

        Dialogs.WaitForElement("[data-testid=cancel-clear]").Click();

        var result = await dialog.Result;
        Assert.False(result is { Canceled: false, Data: true });
        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid=confirm-clear]")));
    }

    [Fact]
    public async Task Confirm_answers_clear_and_closes()
    {
        var dialog = await ShowAsync();

        Dialogs.WaitForElement("[data-testid=confirm-clear]").Click();

        var result = await dialog.Result;
        Assert.True(result is { Canceled: false, Data: true });
        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid=confirm-clear]")));
    }
}
