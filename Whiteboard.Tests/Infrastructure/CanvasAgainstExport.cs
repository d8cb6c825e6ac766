using System.Text.Json;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>
/// A page's published canvas set against the board's SVG export (the server's drawing of what it holds, by the same
/// renderer as the canvas's commands), drawn in the page under the page's own view: what the person sees is what the
/// board holds, pixel for pixel, but for anti-aliasing at the edges of the ink.
/// </summary>
public static class CanvasAgainstExport
{
    /// <summary>
    /// How far (device pixels) a pixel with ink may be from ink in the other picture: the browser's canvas and its SVG
    /// rasterizer do not put a line's edge on the same pixels.
    /// </summary>
    private const int Reach = 2;

    /// <summary>
    /// Pixels with ink on one side and none within <see cref="Reach"/> on the other. Ink: the canvas's alpha above half;
    /// on the export (white behind its drawing), darker than half.
    /// </summary>
    public sealed record Difference(int InkShown, int InkExported, int OnlyShown, int OnlyExported, string Examples)
    {
        public bool None => OnlyShown == 0 && OnlyExported == 0;

        public override string ToString() =>
            $"the canvas has {InkShown} pixels of ink, the export {InkExported}; {OnlyShown} only on the canvas, {OnlyExported} only in the export (for example {Examples})";
    }

    public static async Task<Difference> CompareAsync(BoardPage person, string svg)
    {
        var result = await person.Page.EvaluateAsync<JsonElement>($$"""
            async svg => {
                const board = document.querySelector('[data-testid=board-surface]').whiteboard;
                const shown = document.querySelector('[data-testid=board-dry]');
                const [width, height] = [shown.width, shown.height];
                const [minX, minY, boxWidth, boxHeight] = new DOMParser().parseFromString(svg, 'image/svg+xml')
                    .documentElement.getAttribute('viewBox').split(' ').map(Number);
                const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
                const picture = new Image(); // the page's policy lets images, not fetch, read blob: addresses
                picture.src = url;
                await picture.decode();
                URL.revokeObjectURL(url);
                const exported = new OffscreenCanvas(width, height).getContext('2d');
                board.view.applyTo(exported, window.devicePixelRatio || 1);
                exported.drawImage(picture, minX, minY, boxWidth, boxHeight);
                const [a, b] = [shown.getContext('2d').getImageData(0, 0, width, height).data, exported.getImageData(0, 0, width, height).data];
                const inkA = new Uint8Array(width * height), inkB = new Uint8Array(width * height);
                for (let i = 0; i < width * height; i++) {
                    inkA[i] = a[4 * i + 3] > 128 ? 1 : 0;
                    inkB[i] = b[4 * i + 3] > 128 && b[4 * i] + b[4 * i + 1] + b[4 * i + 2] < 3 * 128 ? 1 : 0;
                }
                const near = (ink, x, y) => {
                    for (let dy = -{{Reach}}; dy <= {{Reach}}; dy++) for (let dx = -{{Reach}}; dx <= {{Reach}}; dx++) {
                        const [nx, ny] = [x + dx, y + dy];
                        if (nx >= 0 && ny >= 0 && nx < width && ny < height && ink[ny * width + nx]) return true;
                    }
                    return false;
                };
                let [inkShown, inkExported, onlyShown, onlyExported] = [0, 0, 0, 0];
                const examples = [];
                for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
                    const i = y * width + x;
                    inkShown += inkA[i];
                    inkExported += inkB[i];
                    if (inkA[i] && !near(inkB, x, y)) { onlyShown++; if (examples.length < 5) examples.push(`(${x}, ${y}) only shown`); }
                    if (inkB[i] && !near(inkA, x, y)) { onlyExported++; if (examples.length < 5) examples.push(`(${x}, ${y}) only exported`); }
                }
                return { inkShown, inkExported, onlyShown, onlyExported, examples: examples.join(', ') };
            }
            """, svg);
        return new Difference(
            result.GetProperty("inkShown").GetInt32(),
            result.GetProperty("inkExported").GetInt32(),
            result.GetProperty("onlyShown").GetInt32(),
            result.GetProperty("onlyExported").GetInt32(),
            result.GetProperty("examples").GetString()!);
    }
}
