using System.Globalization;
using Microsoft.Playwright;
using SkiaSharp;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.EndToEnd;

/// <summary>Images placed by the toolbar's file picker or pasted, as two people see them: pixels, undo, export, refusals.</summary>
public sealed class ImageTests : BoardBrowserTest
{
    private static readonly PageWaitForFunctionOptions Patience = new() { Timeout = 10_000, PollingInterval = 50 };

    /// <summary>Waits until the published canvas at this board point is this color, give or take a few levels.</summary>
    private static Task WaitForColorAsync(BoardPage person, float x, float y, (int R, int G, int B) color) =>
        person.Page.WaitForFunctionAsync(string.Create(CultureInfo.InvariantCulture, $$"""
            () => {
                const canvas = document.querySelector('[data-testid=board-dry]');
                const ratio = canvas.width / canvas.getBoundingClientRect().width;
                const [r, g, b, a] = canvas.getContext('2d').getImageData(Math.round({{x}} * ratio), Math.round({{y}} * ratio), 1, 1).data;
                return a === 255 && Math.abs(r - {{color.R}}) <= 3 && Math.abs(g - {{color.G}}) <= 3 && Math.abs(b - {{color.B}}) <= 3;
            }
            """), null, Patience);

    private static async Task PickImageAsync(BoardPage person, byte[] file, string name = "picture.png") =>
        await person.Page.GetByTestId("tool-image").Locator("input[type=file]")
            .SetInputFilesAsync(new FilePayload { Name = name, MimeType = "image/png", Buffer = file });

    private static async Task<(float X, float Y)> ViewCentreAsync(BoardPage person)
    {
        var box = (await person.Surface.BoundingBoxAsync())!;
        return (box.Width / 2, box.Height / 2);
    }

    [Fact]
    public async Task An_image_picked_in_one_browser_shows_as_its_pixels_on_the_other_is_undone_there_and_is_in_the_png_export()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        var (x, y) = await ViewCentreAsync(alice);

        // 200 x 100 fits the view: placed at its size, centred in Alice's view (the same board points as Bob's).
        await PickImageAsync(alice, TestImages.Png(200, 100, SKColors.Red));

        await WaitForColorAsync(bob, x, y, (255, 0, 0));
        await WaitForColorAsync(bob, x - 95, y - 45, (255, 0, 0));
        await WaitForColorAsync(alice, x + 95, y + 45, (255, 0, 0));
        Assert.False(await bob.HasInkAtAsync(x + 110, y), "the image keeps to its 200 units of width");
        var exported = await alice.ExportedColorAtAsync(x, y);
        Assert.Equal([255, 0, 0, 255], exported);

        await alice.Page.GetByTestId("undo").ClickAsync();

        await bob.WaitForNoInkAtAsync(x, y);
    }

    [Fact]
    public async Task An_image_resized_by_its_corner_keeps_its_proportions_on_the_peer_unless_shift_frees_them()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        var (x, y) = await ViewCentreAsync(alice);
        await PickImageAsync(alice, TestImages.Png(200, 100, SKColors.Red));
        await WaitForColorAsync(bob, x + 95, y + 45, (255, 0, 0));
        await alice.SelectAtAsync(x, y);
        var (handleX, handleY) = await alice.SelectionHandleAsync(2);

        // Dragged 100 to the right only: the image grows half as much again both ways, to 300 x 150.
        await alice.DrawAsync([(handleX, handleY), (handleX + 100, handleY)]);
        await WaitForColorAsync(bob, x + 190, y + 90, (255, 0, 0));
        await WaitForColorAsync(bob, x - 95, y - 45, (255, 0, 0));

        // The same drag from there with Shift held stretches the width alone, to 400 x 150.
        (handleX, handleY) = await alice.SelectionHandleAsync(2);
        await alice.Page.Keyboard.DownAsync("Shift");
        await alice.DrawAsync([(handleX, handleY), (handleX + 100, handleY)]);
        await alice.Page.Keyboard.UpAsync("Shift");
        await WaitForColorAsync(bob, x + 290, y + 90, (255, 0, 0));
        Assert.False(await bob.HasInkAtAsync(x + 50, y + 110), "Shift kept the height at 150");
    }

    [Fact]
    public async Task A_whole_board_png_holds_an_image_the_exporter_never_had_on_screen()
    {
        const string Board = "document.querySelector('[data-testid=board-surface]').whiteboard";
        var alice = await CreateBoardAsync();
        // Alice places the image far from where Bob's view opens, so Bob's screen never asks for its bytes.
        await alice.Page.EvaluateAsync($"() => {{ const board = {Board}; board.view.panBy(-50000, -50000); board.requestDraw(); }}");
        await PickImageAsync(alice, TestImages.Png(200, 100, SKColors.Red));
        await alice.Page.WaitForFunctionAsync($"() => {Board}.display.elements.size === 1", null, Patience);
        var bob = await JoinAsync(alice);
        await bob.Page.WaitForFunctionAsync($"() => {Board}.display.elements.size === 1", null, Patience);

        // The whole board, as the share dialog's download asks for it: the content's bounds at 100 %.
        var centre = await bob.Page.EvaluateAsync<int[]>($$"""
            async () => {
                const board = {{Board}};
                const [{ bounds }] = [...board.display.elements.values()];
                const url = await board.exportPng({ minX: bounds.minX, minY: bounds.minY, maxX: bounds.maxX, maxY: bounds.maxY });
                const picture = new Image();
                picture.src = url;
                await picture.decode();
                const canvas = new OffscreenCanvas(picture.naturalWidth, picture.naturalHeight);
                const ctx = canvas.getContext('2d');
                ctx.drawImage(picture, 0, 0);
                return [...ctx.getImageData(picture.naturalWidth >> 1, picture.naturalHeight >> 1, 1, 1).data];
            }
            """);

        Assert.Equal([255, 0, 0, 255], centre);
    }

    [Fact]
    public async Task An_image_whose_bytes_failed_to_load_is_asked_for_again_and_shows()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        var (x, y) = await ViewCentreAsync(alice);
        var refusals = 0;
        // The first ask fails (the app restarting, say); the page asks again by itself.
        await bob.Page.RouteAsync("**/images/*", async route =>
        {
            if (Interlocked.Increment(ref refusals) == 1)
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 503 });
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        Browser.ExpectFailedRequests();

        await PickImageAsync(alice, TestImages.Png(200, 100, SKColors.Red));

        await WaitForColorAsync(bob, x, y, (255, 0, 0));
        Assert.True(refusals >= 2, "the page asked again after the failure");
    }

    [Fact]
    public async Task A_peer_sees_a_placeholder_box_until_the_images_bytes_arrive_then_the_image()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        var (x, y) = await ViewCentreAsync(alice);
        var bytesAsked = new TaskCompletionSource<IRoute>(TaskCreationOptions.RunContinuationsAsynchronously);
        await bob.Page.RouteAsync("**/images/*", route => bytesAsked.TrySetResult(route));

        await PickImageAsync(alice, TestImages.Png(200, 100, SKColors.Red));

        var held = await bytesAsked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await WaitForColorAsync(bob, x, y, (0xe9, 0xec, 0xef));
        await held.ContinueAsync();
        await WaitForColorAsync(bob, x, y, (255, 0, 0));
    }

    [Fact]
    public async Task An_image_pasted_lands_where_the_pointer_is_and_a_newcomer_sees_it_from_the_snapshot()
    {
        var alice = await CreateBoardAsync();
        await alice.PointAtAsync(200, 150);

        await alice.Page.EvaluateAsync("""
            bytes => {
                const data = new DataTransfer();
                data.items.add(new File([new Uint8Array(bytes)], 'pasted.png', { type: 'image/png' }));
                document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
            }
            """, TestImages.Png(60, 40, SKColors.Lime).Select(value => (int)value).ToArray());

        await WaitForColorAsync(alice, 200, 150, (0, 255, 0));
        await WaitForColorAsync(alice, 172, 132, (0, 255, 0));
        var carol = await JoinAsync(alice);
        await WaitForColorAsync(carol, 228, 168, (0, 255, 0));
        Assert.False(await carol.HasInkAtAsync(240, 150), "the image keeps to its 60 units of width");
    }

    [Fact]
    public async Task An_image_file_dropped_on_the_board_lands_where_it_was_dropped()
    {
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);

        await alice.Page.EvaluateAsync("""
            bytes => {
                const surface = document.querySelector('[data-testid=board-surface]');
                const rect = surface.getBoundingClientRect();
                const data = new DataTransfer();
                data.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }));
                const at = { clientX: rect.left + 300, clientY: rect.top + 200, dataTransfer: data, bubbles: true, cancelable: true };
                surface.dispatchEvent(new DragEvent('dragover', at));
                surface.dispatchEvent(new DragEvent('drop', at));
            }
            """, TestImages.Png(40, 40, SKColors.Blue).Select(value => (int)value).ToArray());

        await WaitForColorAsync(bob, 300, 200, (0, 0, 255));
        await WaitForColorAsync(bob, 282, 182, (0, 0, 255));
        Assert.False(await bob.HasInkAtAsync(330, 200), "the image keeps to its 40 units of width");
    }

    [Fact]
    public async Task The_image_button_opens_a_file_picker_by_click_and_by_keyboard()
    {
        var alice = await CreateBoardAsync();
        var button = alice.Page.GetByTestId("tool-image");

        await button.FocusAsync();
        Assert.Equal("tool-image", await alice.Page.EvaluateAsync<string?>("() => document.activeElement?.dataset.testid"));
        var byKey = await alice.Page.RunAndWaitForFileChooserAsync(() => alice.Page.Keyboard.PressAsync("Enter"));
        var clicked = await alice.Page.RunAndWaitForFileChooserAsync(() => button.ClickAsync());

        Assert.False(clicked.IsMultiple);
        Assert.Equal("image/png,image/jpeg,image/webp,image/gif", await clicked.Element.GetAttributeAsync("accept"));
        Assert.Equal("image/png,image/jpeg,image/webp,image/gif", await byKey.Element.GetAttributeAsync("accept"));
    }

    [Fact]
    public async Task A_decompression_bomb_is_refused_with_a_notice_and_nobody_sees_anything()
    {
        Browser.ExpectFailedRequests(); // the refusal is a 400, which the console reports
        var alice = await CreateBoardAsync();
        var bob = await JoinAsync(alice);
        var (x, y) = await ViewCentreAsync(alice);

        await PickImageAsync(alice, TestImages.PngClaiming(50_000, 50_000), "bomb.png");

        await Assertions.Expect(alice.Notices).ToContainTextAsync("This image was not placed");
        // Alice draws after it, and Bob sees her stroke but nothing where the image would have been.
        await alice.DrawAsync([(50, 50), (80, 80)]);
        await bob.WaitForInkAtAsync(65, 65);
        Assert.False(await bob.HasInkAtAsync(x, y));
        Assert.False(await alice.HasInkAtAsync(x, y));
    }
}
