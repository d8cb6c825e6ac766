using Bunit;
using Whiteboard.App.Components.Board;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Components;

public sealed class BoardToolbarTests : ComponentTest
{
    private IRenderedComponent<BoardToolbar> RenderToolbar(bool canEdit, Action<ComponentParameterCollectionBuilder<BoardToolbar>>? more = null) =>
        Render<BoardToolbar>(parameters =>
        {
            parameters.Add(toolbar => toolbar.Tool, BoardTools.Default)
                .Add(toolbar => toolbar.Color, BoardToolbar.Palette[0])
                .Add(toolbar => toolbar.Width, 4f)
                .Add(toolbar => toolbar.Name, "Plans")
                .Add(toolbar => toolbar.CanEdit, canEdit);
            more?.Invoke(parameters);
        });

    [Fact]
    public void Choosing_a_tool_calls_back_with_that_tool()
    {
        var chosen = new List<string>();
        var toolbar = RenderToolbar(canEdit: true, parameters => parameters.Add(bar => bar.ToolChanged, tool => chosen.Add(tool)));

        toolbar.Find("[data-testid=tool-rect]").Click();
        toolbar.Find("[data-testid=tool-text]").Click();

        Assert.Equal(["rect", "text"], chosen);
    }

    [Fact]
    public void The_sticky_note_tool_is_offered_with_its_shortcut_and_chosen_by_a_click()
    {
        var chosen = new List<string>();
        var toolbar = RenderToolbar(canEdit: true, parameters => parameters.Add(bar => bar.ToolChanged, tool => chosen.Add(tool)));

        var note = toolbar.Find("[data-testid=tool-note]");
        Assert.Equal("Sticky note (N)", note.ParentElement!.GetAttribute("data-tooltip"));
        note.Click();

        Assert.Equal(["note"], chosen);
    }

    [Fact]
    public void Choosing_a_palette_color_calls_back_with_its_code()
    {
        var chosen = new List<string>();
        var toolbar = RenderToolbar(canEdit: true, parameters => parameters.Add(bar => bar.ColorChanged, color => chosen.Add(color)));

        toolbar.Find("input[data-testid=color-picker]").Click();
        Popovers.WaitForElement(".mud-picker-color-dot[aria-label='#e03131ff']").Click();

        // The picker hands the color on after the click's render; on a busy machine that may be a moment later.
        toolbar.WaitForAssertion(() => Assert.Equal(["#e03131"], chosen), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Undo_and_redo_buttons_call_back()
    {
        var asked = new List<string>();
        var toolbar = RenderToolbar(canEdit: true, parameters => parameters
            .Add(bar => bar.OnUndo, () => asked.Add("undo"))
            .Add(bar => bar.OnRedo, () => asked.Add("redo")));

        toolbar.Find("[data-testid=undo]").Click();
        toolbar.Find("[data-testid=redo]").Click();
        toolbar.Find("[data-testid=undo]").Click();

        Assert.Equal(["undo", "redo", "undo"], asked);
    }

    [Fact]
    public void An_editor_is_offered_every_tool_and_is_not_told_view_only()
    {
        var toolbar = RenderToolbar(canEdit: true);

        Assert.Equal(BoardTools.All.Select(tool => tool.Name), toolbar.FindAll("[data-tool-choice]").Select(tool => tool.GetAttribute("data-tool-choice")));
        Assert.Empty(toolbar.FindAll("[data-testid=view-only]"));
    }

    [Fact]
    public void A_viewer_is_offered_no_tools_and_is_told_view_only()
    {
        var toolbar = RenderToolbar(canEdit: false);

        Assert.Equal("View only", toolbar.Find("[data-testid=view-only]").TextContent.Trim());
        Assert.Empty(toolbar.FindAll("[data-tool-choice]"));
        Assert.Empty(toolbar.FindAll("[data-testid=undo], [data-testid=redo], [data-testid=clear], [data-testid=color-picker], [data-testid=width-slider]"));
        Assert.True(toolbar.Find("input[data-testid=board-name]").HasAttribute("readonly"));
    }

    [Fact]
    public void The_theme_toggle_asks_for_the_other_theme()
    {
        var asked = new List<bool>();
        var toolbar = RenderToolbar(canEdit: false, parameters => parameters
            .Add(bar => bar.Dark, true)
            .Add(bar => bar.DarkChanged, dark => asked.Add(dark)));

        toolbar.Find("[data-testid=theme-toggle]").Click();

        Assert.Equal([false], asked);
    }
}
