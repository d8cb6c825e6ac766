using System.Globalization;
using Microsoft.Playwright;
using Whiteboard.Shared.Elements;
using Whiteboard.Bench.Hosting;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>The app killed mid-drawing (SIGKILL, a crash): what it acknowledged is there when it comes back.</summary>
public sealed class CrashTests : AppProcessTest
{
    [Fact]
    public async Task Every_acknowledged_operation_survives_a_kill_in_order_and_nothing_is_half_written()
    {
        string key;
        List<(string Id, int Step)> acknowledged;
        using (var app = await AppProcess.StartAsync(DataDirectory))
        {
            var page = (await Browser.CreateBoardAsync(app.Address)).Page;
            key = new Uri(page.Url).Segments[^1];

            // Strokes in three steps each (begin with 2 points, 2 more points, end), one at a time,
            // each step counted once the server acknowledged it; a throttled step is tried again.
            await page.EvaluateAsync("""
                () => {
                    const board = document.querySelector('[data-testid=board-surface]').whiteboard;
                    window.acked = [];
                    const point = (k, i) => [k * 4 + i, 10 + k, 0.5];
                    (async () => {
                        for (let k = 0; ; k++) {
                            const id = 'k' + k;
                            const steps = [
                                [{ kind: 'begin', id, points: [...point(k, 0), ...point(k, 1)], color: '#1e1e1e', width: 2 }],
                                [{ kind: 'extend', id, from: 2, points: [...point(k, 2), ...point(k, 3)] }],
                                [{ kind: 'end', id }],
                            ];
                            for (const [step, batch] of steps.entries()) {
                                for (;;) {
                                    let result;
                                    try { result = await board.submit(batch); } catch { return; }
                                    if (!result.rejection) { window.acked.push([id, step]); break; }
                                    await new Promise(resolve => setTimeout(resolve, 20));
                                }
                            }
                        }
                    })();
                }
                """);
            await page.WaitForFunctionAsync("() => window.acked.length >= 150", null, new PageWaitForFunctionOptions { Timeout = 30_000 });

            app.Kill();
            acknowledged = [.. (await page.EvaluateAsync<string[]>("() => window.acked.map(([id, step]) => id + ':' + step)"))
                .Select(pair => pair.Split(':')).Select(pair => (pair[0], int.Parse(pair[1], CultureInfo.InvariantCulture)))];
        }

        using var again = await AppProcess.StartAsync(DataDirectory);
        using var client = new HttpClient { BaseAddress = again.Address };
        var elements = await ExportedBoard.ReadAsync(client, key);
        var strokes = elements.Cast<Stroke>().ToDictionary(stroke => stroke.Id.Value);

        Assert.True(acknowledged.Count >= 150);
        foreach (var (id, step) in acknowledged)
        {
            Assert.True(strokes.TryGetValue(id, out var stroke), $"acknowledged stroke {id} is missing");
            var k = int.Parse(id[1..], CultureInfo.InvariantCulture);
            var expected = Enumerable.Range(0, step == 0 ? 2 : 4).Select(i => new StrokePoint(k * 4 + i, 10 + k, 0.5f));
            Assert.Equal(expected, stroke.Points.ToArray().Take(step == 0 ? 2 : 4));
        }

        // In the order acknowledged; the one stroke in flight at the kill, if stored, is finished after it.
        var begun = acknowledged.Where(a => a.Step == 0).Select(a => a.Id).ToList();
        Assert.Equal(begun, elements.Select(e => e.Id.Value).Take(begun.Count));
        Assert.True(elements.Count <= begun.Count + 1);
        Assert.All(strokes.Values, stroke => Assert.True(stroke.Points.Length is 2 or 4));
    }
}
