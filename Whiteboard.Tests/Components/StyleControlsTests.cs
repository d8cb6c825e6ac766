using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
using Whiteboard.App.Components.Board;
using Whiteboard.App.Components.Pages;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Components;

/// <summary>The toolbar's fill, line style and opacity (issue 23, item 4): what they show, and what a change asks for.</summary>
public sealed class StyleControlsTests : ComponentTest
{
    private const string CanvasScript = "./Components/Board/BoardCanvas.razor.js";

    private PageScript Canvas => Page.Module(CanvasScript).Returned("attach");

    private IRenderedComponent<BoardToolbar> RenderToolbar(Action<ComponentParameterCollectionBuilder<BoardToolbar>>? more = null, bool canEdit = true) =>
        Render<BoardToolbar>(parameters =>
        {
            parameters.Add(toolbar => toolbar.Tool, BoardTools.Default)
                .Add(toolbar => toolbar.Color, BoardToolbar.Palette[0])
                .Add(toolbar => toolbar.Width, 4f)
                .Add(toolbar => toolbar.Name, "Plans")
                .Add(toolbar => toolbar.CanEdit, canEdit);
            more?.Invoke(parameters);
        });

    private static bool Chosen(IRenderedComponent<BoardToolbar> toolbar, string selector) =>
        toolbar.Find(selector).ClassList.Contains("mud-toggle-item-selected");

    [Fact]
    public void Each_control_calls_back_with_what_was_chosen()
    {
        var chosen = new List<string>();
        var toolbar = RenderToolbar(parameters => parameters
            .Add(bar => bar.FillChanged, fill => chosen.Add($"fill {fill}"))
            .Add(bar => bar.LineStyleChanged, line => chosen.Add($"line {line}"))
            .Add(bar => bar.OpacityChanged, opacity => chosen.Add($"opacity {opacity}")));

        toolbar.Find("[data-testid=fill-color] [data-fill='#e03131']").Click();
        toolbar.Find("[data-testid=line-style] [data-line=dotted]").Click();
        toolbar.Find("input[data-testid=opacity]").Change("40");

        Assert.Equal(["fill #e03131", "line dotted", "opacity 0.4"], chosen);
    }

    [Fact]
    public void The_controls_show_the_style_given_and_nothing_chosen_for_a_part_that_differs()
    {
        var toolbar = RenderToolbar(parameters => parameters.Add(bar => bar.Fill, "#2f9e44").Add(bar => bar.LineStyle, "dashed").Add(bar => bar.Opacity, 0.3f));

        Assert.True(Chosen(toolbar, "[data-fill='#2f9e44']"));
        Assert.False(Chosen(toolbar, "[data-fill=none]"));
        Assert.True(Chosen(toolbar, "[data-line=dashed]"));
        Assert.Equal("30 %", toolbar.Find("[data-testid=opacity-value]").TextContent.Trim());

        toolbar.Render(parameters => parameters.Add(bar => bar.Fill, null).Add(bar => bar.LineStyle, null));

        Assert.Empty(toolbar.FindAll("[data-testid=fill-color] .mud-toggle-item-selected"));
        Assert.Empty(toolbar.FindAll("[data-testid=line-style] .mud-toggle-item-selected"));
    }

    [Fact]
    public void A_viewer_is_offered_no_style_controls()
    {
        var toolbar = RenderToolbar(canEdit: false);

        Assert.Empty(toolbar.FindAll("[data-testid=fill-color], [data-testid=line-style], [data-testid=opacity]"));
    }

    [Fact]
    public async Task With_nothing_selected_a_change_is_the_style_of_what_is_drawn_next_and_restyles_nothing()
    {
        var (page, _) = await OpenAsync();

        page.Find("[data-testid=fill-color] [data-fill='#1971c2']").Click();
        page.Find("[data-testid=line-style] [data-line=dashed]").Click();

        page.WaitForAssertion(() => Assert.Equal(
            ["setStyle(#1e1e1e, 4, #1971c2, solid, 1)", "setStyle(#1e1e1e, 4, #1971c2, dashed, 1)"], Calls("setStyle")));
        Assert.Empty(Calls("restyleSelection"));
    }

    [Fact]
    public async Task The_controls_show_the_selections_style_and_a_change_restyles_it_once()
    {
        var (page, session) = await OpenAsync();
        var drawn = await session.SubmitAsync([
            new BoardMessage("shape", "r1", Points: [0, 0, 50, 50], Color: "#e03131", Width: 4, Shape: "rect", Done: true, Fill: "#ffffff", Line: "dotted", Opacity: 0.5),
            new BoardMessage("shape", "r2", Points: [60, 0, 90, 50], Color: "#e03131", Width: 4, Shape: "rect", Done: true, Line: "dotted", Opacity: 0.8),
        ]);
        Assert.True(drawn.IsAccepted, drawn.Rejection);
        page.WaitForAssertion(() => Assert.Equal(2, session.Mirror.ElementsOf([Id("r1"), Id("r2")]).Count));
        var canvas = page.FindComponent<BoardCanvas>().Instance;

        await page.InvokeAsync(() => canvas.SelectionChanged(["r1"]));
        page.WaitForAssertion(() => Assert.Equal("#ffffff", page.Find("[data-testid=fill-color]").GetAttribute("data-value")));
        Assert.Equal("dotted", page.Find("[data-testid=line-style]").GetAttribute("data-value"));
        Assert.Equal("50 %", page.Find("[data-testid=opacity-value]").TextContent.Trim());
        Assert.Equal("#e03131", page.Find("[data-testid=color-picker]").GetAttribute("value"));

        // Both: their fills differ (none is chosen), their line style does not.
        await page.InvokeAsync(() => canvas.SelectionChanged(["r1", "r2"]));
        page.WaitForAssertion(() => Assert.Null(page.Find("[data-testid=fill-color]").GetAttribute("data-value")));
        Assert.Equal("dotted", page.Find("[data-testid=line-style]").GetAttribute("data-value"));

        page.Find("[data-testid=fill-color] [data-fill='#2f9e44']").Click();

        page.WaitForAssertion(() => Assert.Equal(["""{"fill":"#2f9e44"}"""], Calls("restyleSelection")));
        Assert.Equal("#2f9e44", page.Find("[data-testid=fill-color]").GetAttribute("data-value"));

        // Nothing selected again: the toolbar shows what is drawn next, which the change set too.
        await page.InvokeAsync(() => canvas.SelectionChanged(null));
        page.WaitForAssertion(() => Assert.Equal("solid", page.Find("[data-testid=line-style]").GetAttribute("data-value")));
        Assert.Equal("#2f9e44", page.Find("[data-testid=fill-color]").GetAttribute("data-value"));
        Assert.Single(Calls("restyleSelection"));
    }

    private async Task<(IRenderedComponent<Board> Page, BoardSession Session)> OpenAsync()
    {
        var board = await Rooms.CreateBoardAsync(content: null, CancellationToken.None);
        Page.Module(CanvasScript).Answer("keptIdentity", """{"token":null,"name":"Ada"}""");
        var page = Render<Board>(parameters => parameters.Add(shown => shown.Link, board.EditKey.Value));
        page.WaitForAssertion(() => Assert.Contains("(you)", page.Find("[data-testid=participant-list]").TextContent, StringComparison.Ordinal));
        return (page, Services.GetRequiredService<BoardSession>());
    }

    private IReadOnlyList<string> Calls(string function) =>
        [.. Canvas.CallsTo(function).Select(call => function == "restyleSelection"
            ? JsonSerializer.Serialize(call.Arguments[0])
            : $"{call.Identifier}({string.Join(", ", call.Arguments)})")];

    private static ElementId Id(string text) => Ink.Id(text);
}
