using System.Diagnostics;
using System.Text.Json;
using HdrHistogram;
using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Measure;

namespace Whiteboard.Bench.Scenarios;

/// <summary>Messages sent, those the other page showed, and from the press of Send to shown, for each of those.</summary>
public sealed record ChatResult(int Sent, int Shown, HistogramBase Latencies);

/// <summary>
/// <c>chat</c>: two headless Chromium pages on one board of an app this scenario starts (or at a URL), driven over the
/// DevTools protocol (<see cref="DevToolsBrowser"/>), both with the chat panel open. The sender types each message into
/// <c>chat-input</c> and clicks <c>chat-send</c> with the browser's own input; the time is taken in the pages, on this
/// machine's one clock: the sender's click event, and the moment the reader's page adds the <c>chat-message</c> that
/// holds the text. Messages go one at a time, each once the last is shown and at most one a second (the server's limit
/// for a person, after a burst).
/// </summary>
public static class ChatScenario
{
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ShownTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1.05);

    // The sender's page: each press of Send, with what the message field held, at the click event's time.
    private const string WatchSend = """
        (() => {
            const sent = window.benchSent = [];
            document.addEventListener('click', e => {
                if (!e.target.closest('[data-testid=chat-send]')) return;
                sent.push([document.querySelector('[data-testid=chat-input]').value, performance.timeOrigin + e.timeStamp]);
            }, { capture: true });
        })()
        """;

    // The reader's page: when each message's text first shows in the panel.
    private const string WatchShown = """
        (() => {
            const shown = window.benchShown = {};
            new MutationObserver(() => {
                const now = performance.timeOrigin + performance.now();
                for (const message of document.querySelectorAll('[data-testid=chat-message] .chat-text')) {
                    shown[message.textContent] ??= now;
                }
            }).observe(document.body, { childList: true, subtree: true, characterData: true });
        })()
        """;

    public static async Task<ChatResult> RunAsync(int messages, Uri? url, Action<string> progress)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("whiteboard-bench-").FullName;
        AppProcess? server = null;
        try
        {
            server = url is null ? await AppProcess.StartAsync(dataDirectory) : null;
            var address = url ?? server!.Address;
            var key = await NewBoard.CreateAsync(address);
            await using var browser = await DevToolsBrowser.LaunchAsync();
            var (sender, reader) = (await browser.NewPersonAsync(), await browser.NewPersonAsync());
            foreach (var page in new[] { sender, reader })
            {
                await page.OpenBoardAsync(address, key, PageTimeout);
                await page.ClickAsync("[data-testid=chat-toggle]");
                if (!await page.WaitForAsync("document.querySelector('[data-testid=chat-input]')", PageTimeout))
                {
                    throw new TimeoutException("The chat panel did not open.");
                }
            }

            await sender.EvaluateAsync(WatchSend);
            await reader.EvaluateAsync(WatchShown);
            progress($"  two pages on the board with the chat open; sending {messages} messages, one at a time");
            var pace = Stopwatch.StartNew();
            for (var message = 0; message < messages; message++)
            {
                var text = $"bench message {message}";
                await sender.EvaluateAsync("document.querySelector('[data-testid=chat-input]').focus()");
                await sender.InsertTextAsync(text);
                await sender.ClickAsync("[data-testid=chat-send]");
                if (!await reader.WaitForAsync($"window.benchShown[{JsonSerializer.Serialize(text)}] !== undefined", ShownTimeout))
                {
                    throw new TimeoutException($"\"{text}\" was not shown on the other page within {ShownTimeout.TotalSeconds:0} s.");
                }

                var wait = Interval * (message + 1) - pace.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }

            var sent = (await sender.EvaluateAsync("window.benchSent")).EnumerateArray()
                .ToDictionary(press => press[0].GetString()!, press => press[1].GetDouble());
            var shown = (await reader.EvaluateAsync("window.benchShown")).EnumerateObject()
                .ToDictionary(entry => entry.Name, entry => entry.Value.GetDouble());
            var latencies = Latencies.NewHistogram();
            foreach (var (text, at) in sent)
            {
                if (shown.TryGetValue(text, out var shownAt))
                {
                    latencies.Record(TimeSpan.FromMilliseconds(shownAt - at));
                }
            }

            return new ChatResult(sent.Count, (int)latencies.TotalCount, latencies);
        }
        finally
        {
            server?.Dispose();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
