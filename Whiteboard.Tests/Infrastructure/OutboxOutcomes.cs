using Microsoft.Playwright;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>
/// What became of what a page sent, as its outbox heard it, kept for the tab across reloads (sessionStorage): the strokes
/// the server acknowledged whole (their end answered: what the person is told is safe, which the board must then hold),
/// and the batches the server refused (each shown to the person as "Not done").
/// </summary>
public static class OutboxOutcomes
{
    private const string Acknowledged = "test.acknowledged-strokes";
    private const string Refused = "test.refused-batches";

    /// <summary>
    /// Watches every board this page attaches, from now on and after each reload: the board is caught as the page's
    /// script hands it to its surface (BoardCanvas.razor.js), before it has sent anything.
    /// </summary>
    public static Task WatchAsync(IPage page) => page.AddInitScriptAsync($$"""
        Object.defineProperty(HTMLElement.prototype, 'whiteboard', {
            configurable: true,
            set(board) {
                Object.defineProperty(this, 'whiteboard', { value: board, configurable: true, writable: true });
                const add = (key, values) => sessionStorage.setItem(key, JSON.stringify([...JSON.parse(sessionStorage.getItem(key) ?? '[]'), ...values]));
                const acknowledge = board.outbox.acknowledge.bind(board.outbox);
                board.outbox.acknowledge = batch => {
                    add('{{Acknowledged}}', [...batch.carried].filter(([item, progress]) => item.type === 'stroke' && progress.endSent).map(([item]) => item.id));
                    acknowledge(batch);
                };
                const submit = board.submit.bind(board);
                board.submit = async messages => {
                    const result = await submit(messages);
                    if (result?.rejection) {
                        const stroke = messages.find(message => message.id);
                        add('{{Refused}}', [`${result.rejection} (${messages.length} messages, the first ${stroke?.kind} of ${stroke?.id} from point ${stroke?.from})`]);
                    }
                    return result;
                };
            },
        });
        """);

    /// <summary>The ids of the strokes acknowledged so far in this tab, in the order they were.</summary>
    public static Task<string[]> AcknowledgedStrokesAsync(IPage page) => ReadAsync(page, Acknowledged);

    /// <summary>The batches refused so far in this tab: the reason, and what the batch began with.</summary>
    public static Task<string[]> RefusedBatchesAsync(IPage page) => ReadAsync(page, Refused);

    private static async Task<string[]> ReadAsync(IPage page, string key) =>
        await page.EvaluateAsync<string[]>($"() => JSON.parse(sessionStorage.getItem('{key}') ?? '[]')");
}
