using Bunit;
using Whiteboard.App.Components.Board;
using Whiteboard.Shared.State;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Components;

/// <summary>The chat panel: its unread count, and messages shown as text with only http(s) links clickable.</summary>
public sealed class ChatPanelTests : ComponentTest
{
    private const string MarkupName = "<img src=x onerror=alert(1)>";

    private static ChatMessage Message(long number, string text, string name = "Ada") =>
        new(number, name, "#e03131", new DateTimeOffset(2026, 12, 6, 9, 30, 0, TimeSpan.Zero), text);

    private IRenderedComponent<ChatPanel> Panel(IReadOnlyList<ChatMessage> messages, Func<string, Task<string?>>? send = null) =>
        Render<ChatPanel>(parameters => parameters.Add(panel => panel.Messages, messages).Add(panel => panel.OnSend, send));

    private static void Open(IRenderedComponent<ChatPanel> panel) => panel.Find("[data-testid=chat-toggle]").Click();

    [Fact]
    public void Closed_it_counts_the_messages_that_came_since_it_was_last_open_and_opening_it_clears_the_count()
    {
        var panel = Panel([Message(1, "already here when the page came")]);
        Assert.Empty(panel.FindAll("[data-testid=chat-unread]"));

        panel.Render(parameters => parameters.Add(p => p.Messages, [Message(1, "already here when the page came"), Message(2, "new"), Message(3, "newer")]));
        Assert.Equal("2", panel.Find("[data-testid=chat-unread]").TextContent.Trim());

        Open(panel);
        Assert.Empty(panel.FindAll("[data-testid=chat-unread]"));
        Assert.Equal(3, panel.FindAll("[data-testid=chat-message]").Count);

        panel.Render(parameters => parameters.Add(p => p.Messages, [Message(1, "a"), Message(2, "b"), Message(3, "c"), Message(4, "read while open")]));
        Open(panel);
        Assert.Empty(panel.FindAll("[data-testid=chat-unread]"));
        panel.Render(parameters => parameters.Add(p => p.Messages, [Message(4, "read while open"), Message(5, "after closing")]));
        Assert.Equal("1", panel.Find("[data-testid=chat-unread]").TextContent.Trim());
    }

    [Fact]
    public void A_name_and_a_message_with_markup_are_shown_as_text_with_the_time_posted()
    {
        var panel = Panel([Message(1, "<script>alert(1)</script> <b>bold</b>", MarkupName)]);
        Open(panel);

        var message = panel.Find("[data-testid=chat-message]");
        Assert.Equal(MarkupName, message.GetAttribute("data-author"));
        Assert.Equal(MarkupName, message.QuerySelector(".chat-author")!.TextContent);
        Assert.Equal("09:30 UTC", message.QuerySelector(".chat-time")!.TextContent);
        Assert.Equal("<script>alert(1)</script> <b>bold</b>", message.QuerySelector(".chat-text")!.TextContent);
        Assert.Empty(panel.FindAll("[data-testid=chat-panel] img, [data-testid=chat-panel] script, [data-testid=chat-panel] b"));
    }

    [Fact]
    public void Only_http_and_https_links_are_clickable_and_they_open_in_a_new_tab_without_the_opener()
    {
        var panel = Panel([Message(1, "see https://example.org/a?b=1, javascript:alert(1) and data:text/html,x or (http://example.com).")]);
        Open(panel);

        var links = panel.FindAll("[data-testid=chat-message] a");
        Assert.Equal(["https://example.org/a?b=1", "http://example.com/"], links.Select(link => link.GetAttribute("href")));
        Assert.All(links, link => Assert.Equal(("_blank", "noopener noreferrer"), (link.GetAttribute("target"), link.GetAttribute("rel"))));
        Assert.Equal("see https://example.org/a?b=1, javascript:alert(1) and data:text/html,x or (http://example.com).",
            panel.Find(".chat-text").TextContent);
    }

    [Fact]
    public void Earlier_messages_are_asked_for_only_while_the_first_shown_is_not_the_chats_first()
    {
        var asked = 0;
        var panel = Render<ChatPanel>(parameters => parameters
            .Add(p => p.Messages, [Message(201, "the latest 200 start here")])
            .Add(p => p.OnLoadOlder, () =>
            {
                asked++;
                return Task.CompletedTask;
            }));
        Open(panel);

        panel.Find("[data-testid=chat-older]").Click();
        panel.Render(parameters => parameters.Add(p => p.Messages, [Message(1, "the first"), Message(201, "the latest 200 start here")]));

        Assert.Equal(1, asked);
        Assert.Empty(panel.FindAll("[data-testid=chat-older]"));
    }

    [Fact]
    public void A_refused_message_stays_in_the_field_with_the_reason_under_it_and_a_sent_one_clears_it()
    {
        var sent = new List<string>();
        var panel = Panel([], text =>
        {
            sent.Add(text);
            return Task.FromResult(text.Length > 5 ? "A chat message may have at most 5 characters." : null);
        });
        Open(panel);

        panel.Find("textarea[data-testid=chat-input]").Input("too long");
        panel.Find("[data-testid=chat-send]").Click();
        Assert.Contains("at most 5 characters", panel.Markup, StringComparison.Ordinal);
        Assert.Equal("too long", panel.Find("textarea[data-testid=chat-input]").GetAttribute("value") ?? panel.Find("textarea[data-testid=chat-input]").TextContent);

        panel.Find("textarea[data-testid=chat-input]").Input("ok");
        panel.Find("[data-testid=chat-send]").Click();
        Assert.Equal(["too long", "ok"], sent);
        Assert.DoesNotContain("at most 5 characters", panel.Markup, StringComparison.Ordinal);
    }
}
