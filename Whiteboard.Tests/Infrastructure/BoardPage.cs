using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Whiteboard.Bench.Hosting;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>What a test does on a board page, in a person's terms: draw, look at the canvas, count people.</summary>
public sealed class BoardPage(IPage page)
{
    private static readonly PageWaitForFunctionOptions Patience = new() { Timeout = 10_000, PollingInterval = 50 };

    public IPage Page { get; } = page;

    public ILocator Surface => Page.GetByTestId("board-surface");

    /// <summary>The page's board (wwwroot/board/board.js), as a script in the page reaches it.</summary>
    private const string Whiteboard = "document.querySelector('[data-testid=board-surface]').whiteboard";

    public static async Task<BoardPage> ReadyAsync(IPage page)
    {
        try
        {
            await HeadlessChromium.WaitUntilBoardReadyAsync(page, TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException timeout)
        {
            // What the page showed when the wait gave up: a circuit that never connected, or a board that never came.
            var shown = await page.EvaluateAsync<string>("""
                () => JSON.stringify({
                    connection: document.documentElement.dataset.connection ?? null,
                    surface: !!document.querySelector('[data-testid=board-surface]'),
                    ready: document.querySelector('[data-testid=board-surface]')?.dataset.ready ?? null,
                    title: document.title })
                """);
            throw new TimeoutException($"The board at {page.Url} was not ready within 15 s; the page showed {shown}", timeout);
        }

        return new BoardPage(page);
    }

    /// <summary>Presses at the first point, moves through the others; lifts the pen only if told to.</summary>
    public async Task DrawAsync(IReadOnlyList<(float X, float Y)> points, bool lift = true)
    {
        var box = (await Surface.BoundingBoxAsync())!;
        await Page.Mouse.MoveAsync(box.X + points[0].X, box.Y + points[0].Y);
        await Page.Mouse.DownAsync();
        foreach (var (x, y) in points.Skip(1))
        {
            await Page.Mouse.MoveAsync(box.X + x, box.Y + y, new MouseMoveOptions { Steps = 8 });
        }

        if (lift)
        {
            await Page.Mouse.UpAsync();
        }
    }

    public Task LiftAsync() => Page.Mouse.UpAsync();

    /// <summary>Moves the pen, pressed by <see cref="DrawAsync"/>, on to a board point.</summary>
    public async Task MovePenAsync(float x, float y)
    {
        var box = (await Surface.BoundingBoxAsync())!;
        await Page.Mouse.MoveAsync(box.X + x, box.Y + y, new MouseMoveOptions { Steps = 8 });
    }

    /// <summary>
    /// From now on the page hears the server's answers to what it sends only once <see cref="ReleaseAnswersAsync"/>
    /// is called, as over a slow way back; what it sends still leaves at once.
    /// </summary>
    public Task HoldAnswersAsync() => Page.EvaluateAsync($$"""
        () => {
            const board = {{Whiteboard}};
            const submit = board.submit.bind(board);
            let release;
            const held = new Promise(resolve => release = resolve);
            window.heldAnswers = { calls: 0, release };
            board.submit = messages => {
                window.heldAnswers.calls++;
                const answer = submit(messages);
                return held.then(() => answer);
            };
        }
        """);

    /// <summary>Waits until the page has sent this many calls since <see cref="HoldAnswersAsync"/>.</summary>
    public Task WaitForCallsSentAsync(int calls) =>
        Page.WaitForFunctionAsync($"() => window.heldAnswers.calls >= {calls}", null, Patience);

    /// <summary>The last point of a stroke in the last call sent and not yet answered.</summary>
    public async Task<(float X, float Y)> LastPointUnansweredAsync()
    {
        var point = await Page.EvaluateAsync<float[]>(
            $"() => {Whiteboard}.outbox.inFlight.at(-1).messages.findLast(message => message.points).points.slice(-3, -1)");
        return (point[0], point[1]);
    }

    public Task ReleaseAnswersAsync() => Page.EvaluateAsync("() => window.heldAnswers.release()");

    /// <summary>
    /// Touches the board with fingers that move together, one step per point of each path, as
    /// pointer events of type "touch" (what a touch screen sends); every finger's path has as many points.
    /// </summary>
    public Task TouchAsync(IReadOnlyList<(int Finger, (float X, float Y)[] Path)> fingers)
    {
        var events = new List<(string Type, int Pointer, float X, float Y)>();
        events.AddRange(fingers.Select(f => ("pointerdown", 100 + f.Finger, f.Path[0].X, f.Path[0].Y)));
        for (var step = 1; step < fingers[0].Path.Length; step++)
        {
            events.AddRange(fingers.Select(f => ("pointermove", 100 + f.Finger, f.Path[step].X, f.Path[step].Y)));
        }

        events.AddRange(fingers.Select(f => ("pointerup", 100 + f.Finger, f.Path[^1].X, f.Path[^1].Y)));
        return SendPointerAsync("touch", events);
    }

    /// <summary>
    /// Sends pointer events straight to the board, in turn, exactly as given (a device's input, with
    /// nothing in between): each is a type, a pointer id and a spot; the first event's pointer is the primary one.
    /// <paramref name="before"/> is a script run first, in the same turn of the page's event loop.
    /// </summary>
    public Task SendPointerAsync(string pointerType, IReadOnlyList<(string Type, int Pointer, float X, float Y)> events, string before = "")
    {
        var list = string.Join(",", events.Select(e => string.Create(CultureInfo.InvariantCulture, $"['{e.Type}',{e.Pointer},{e.X},{e.Y}]")));
        return Page.EvaluateAsync($$"""
            () => {
                {{before}}
                const surface = document.querySelector('[data-testid=board-surface]');
                const target = surface.querySelector('[data-testid=board-dry]');
                const box = surface.getBoundingClientRect();
                const events = [{{list}}];
                for (const [type, id, x, y] of events) {
                    const lifted = type === 'pointerup';
                    target.dispatchEvent(new PointerEvent(type, {
                        pointerId: id, pointerType: '{{pointerType}}', isPrimary: id === events[0][1], bubbles: true, cancelable: true,
                        clientX: box.left + x, clientY: box.top + y, pressure: lifted ? 0 : 0.5, button: 0, buttons: lifted ? 0 : 1 }));
                }
            }
            """);
    }

    /// <summary>Waits until the published ("dry") canvas has paint at this board point.</summary>
    public Task WaitForInkAtAsync(float x, float y) =>
        Page.WaitForFunctionAsync(InkAt(x, y), null, Patience);

    /// <summary>Waits until the published canvas is blank at this board point.</summary>
    public Task WaitForNoInkAtAsync(float x, float y) =>
        Page.WaitForFunctionAsync($"() => !({InkAt(x, y)})()", null, Patience);

    public Task ChooseToolAsync(string tool) => Page.GetByTestId($"tool-{tool}").ClickAsync();

    /// <summary>Clicks a board point with the select tool and waits until the page shows the selection bar.</summary>
    public async Task SelectAtAsync(float x, float y)
    {
        await ChooseToolAsync("select");
        await DrawAsync([(x, y)]);
        await Assertions.Expect(Page.GetByTestId("selection-bar")).ToBeVisibleAsync();
    }

    /// <summary>Where a corner handle of the selection box is on the surface (0 top left, clockwise; 2 bottom right).</summary>
    public async Task<(float X, float Y)> SelectionHandleAsync(int corner)
    {
        var handle = await Page.EvaluateAsync<float[]>(
            "corner => { const board = document.querySelector('[data-testid=board-surface]').whiteboard; return board.handleCorners(board.selection.bounds)[corner]; }", corner);
        return (handle[0], handle[1]);
    }

    /// <summary>Where a board point is on this person's screen, under their own pan and zoom.</summary>
    public async Task<(float X, float Y)> OnScreenAsync(float boardX, float boardY)
    {
        var (x, y, scale) = await ViewAsync();
        return (boardX * scale + x, boardY * scale + y);
    }

    public async Task<bool> HasInkAtAsync(float x, float y) =>
        await Page.EvaluateAsync<bool>(InkAt(x, y));

    /// <summary>The color on the published canvas at this board point, as [r, g, b, a].</summary>
    public async Task<int[]> ColorAtAsync(float x, float y) =>
        await Page.EvaluateAsync<int[]>(string.Create(CultureInfo.InvariantCulture, $$"""
            () => {
                const canvas = document.querySelector('[data-testid=board-dry]');
                const ratio = canvas.width / canvas.getBoundingClientRect().width;
                return [...canvas.getContext('2d').getImageData(Math.round({{x}} * ratio), Math.round({{y}} * ratio), 1, 1).data];
            }
            """));

    /// <summary>
    /// The color a person sees at this point of the board, as the page is painted (canvases and the background
    /// under them), as [r, g, b]: a one-pixel screenshot, decoded by the page itself.
    /// </summary>
    public async Task<int[]> ShownColorAtAsync(float x, float y)
    {
        var box = (await Surface.BoundingBoxAsync())!;
        var shot = await Page.ScreenshotAsync(new PageScreenshotOptions { Clip = new Clip { X = box.X + x, Y = box.Y + y, Width = 1, Height = 1 } });
        return await Page.EvaluateAsync<int[]>("""
            async png => {
                const bytes = Uint8Array.from(atob(png), c => c.charCodeAt(0));
                const picture = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
                const context = new OffscreenCanvas(1, 1).getContext('2d');
                context.drawImage(picture, 0, 0);
                return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
            }
            """, Convert.ToBase64String(shot));
    }

    /// <summary>Waits until the color shown at this point of the board is as expected.</summary>
    public async Task WaitForShownColorAsync(float x, float y, Func<int[], bool> expected, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMilliseconds(Patience.Timeout!.Value);
        var shown = await ShownColorAtAsync(x, y);
        while (!expected(shown))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {what} at ({x}, {y}); the page shows rgb({string.Join(", ", shown)})");
            }

            shown = await ShownColorAtAsync(x, y);
        }
    }

    /// <summary>
    /// Waits until the published canvas at this board point is painted light (each of red, green and blue above
    /// 180) or dark (each below 80).
    /// </summary>
    public Task WaitForShadeAtAsync(float x, float y, bool light) =>
        Page.WaitForFunctionAsync(string.Create(CultureInfo.InvariantCulture, $$"""
            () => {
                const canvas = document.querySelector('[data-testid=board-dry]');
                const ratio = canvas.width / canvas.getBoundingClientRect().width;
                const [r, g, b, a] = canvas.getContext('2d').getImageData(Math.round({{x}} * ratio), Math.round({{y}} * ratio), 1, 1).data;
                return a > 200 && ({{(light ? "true" : "false")}} ? Math.min(r, g, b) > 180 : Math.max(r, g, b) < 80);
            }
            """), null, Patience);

    /// <summary>The color at this point of the board as this person sees it, in the PNG picture it exports, as [r, g, b, a].</summary>
    public async Task<int[]> ExportedColorAtAsync(float x, float y) =>
        await Page.EvaluateAsync<int[]>(string.Create(CultureInfo.InvariantCulture, $$"""
            async () => {
                const url = await {{Whiteboard}}.exportPng(null);
                const picture = new Image(); // the page's policy lets images, not fetch, read blob: addresses
                picture.src = url;
                await picture.decode();
                URL.revokeObjectURL(url);
                const canvas = new OffscreenCanvas(picture.naturalWidth, picture.naturalHeight);
                const ctx = canvas.getContext('2d');
                ctx.drawImage(picture, 0, 0);
                const ratio = window.devicePixelRatio || 1;
                return [...ctx.getImageData(Math.round({{x}} * ratio), Math.round({{y}} * ratio), 1, 1).data];
            }
            """));

    /// <summary>Picks a palette color and a width with the toolbar's own controls.</summary>
    public async Task ChooseAsync(string paletteColor, int widthSteps)
    {
        await ColorField.ClickAsync();
        // The palette names each color with its alpha; choosing one closes the picker.
        await Page.Locator($".mud-picker-color-dot[aria-label='{paletteColor}ff']").ClickAsync();
        var slider = Page.GetByTestId("width-slider");
        await slider.FocusAsync();
        for (var i = 0; i < widthSteps; i++)
        {
            await slider.PressAsync("ArrowRight");
        }
    }

    /// <summary>The color picker's field, which shows the chosen color's code (its open picker carries the same test id).</summary>
    public ILocator ColorField => Page.Locator("input[data-testid=color-picker]");

    /// <summary>The notices shown to this person (refusals, a replaced link).</summary>
    public ILocator Notices => Page.Locator(".mud-snackbar");

    public Task WaitForParticipantCountAsync(int count) =>
        Page.WaitForFunctionAsync(
            "n => (document.querySelector('[data-testid=participant-count]')?.textContent ?? '').includes(String(n) + ' ')",
            count,
            Patience);

    /// <summary>The key in the board's link.</summary>
    public string Key => new Uri(Page.Url).Segments[^1];

    /// <summary>
    /// Waits until the server has acknowledged everything this page did. A stroke stored but not yet
    /// acknowledged when the connection goes is, by design, continued from its last acknowledged point as a
    /// new stroke by the next page (the server may have finished it meanwhile).
    /// </summary>
    public Task WaitForAllAcknowledgedAsync() =>
        Page.WaitForFunctionAsync($"() => {Whiteboard}.outbox.isEmpty", null, Patience);

    /// <summary>Whether this browser keeps changes for this or another board that the server has not acknowledged.</summary>
    public Task<bool> HasKeptChangesAsync() =>
        Page.EvaluateAsync<bool>("() => Object.keys(localStorage).some(key => key.startsWith('whiteboard.outbox.'))");

    /// <summary>Types a name into the name field and confirms it, as a person would.</summary>
    public async Task SetNameAsync(string name)
    {
        var field = Page.GetByTestId("display-name");
        await field.FillAsync(name);
        await field.PressAsync("Enter");
    }

    /// <summary>Waits until the participant list names exactly these people, in any order.</summary>
    public Task WaitForParticipantsAsync(params string[] names) =>
        Page.WaitForFunctionAsync("""
            names => {
                const shown = [...document.querySelectorAll('[data-testid=participant-list] [data-testid=participant] .participant-name')]
                    .map(name => name.textContent).sort();
                return JSON.stringify(shown) === JSON.stringify([...names].sort());
            }
            """, names, Patience);

    /// <summary>The name of the participant whose entry is marked as this person's own.</summary>
    public Task<string?> OwnEntryAsync() =>
        Page.Locator("[data-testid=participant][data-self=true] .participant-name").TextContentAsync();

    /// <summary>Moves the mouse over the board to this point of the surface, in a few steps.</summary>
    public async Task PointAtAsync(float x, float y)
    {
        var box = (await Surface.BoundingBoxAsync())!;
        await Page.Mouse.MoveAsync(box.X + x, box.Y + y, new MouseMoveOptions { Steps = 4 });
    }

    /// <summary>Waits until someone's cursor is shown with its arrow's tip at this point of the surface (within 2 pixels).</summary>
    public async Task WaitForCursorAsync(string name, float x, float y)
    {
        try
        {
            await Page.WaitForFunctionAsync($"() => {CursorsScript}.some(c => c.name === {JsonSerializer.Serialize(name)} && Math.abs(c.x - {x.ToString(CultureInfo.InvariantCulture)}) <= 2 && Math.abs(c.y - {y.ToString(CultureInfo.InvariantCulture)}) <= 2)", null, Patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No cursor of {name} at ({x}, {y}); the cursors shown: {await Page.EvaluateAsync<string>($"() => JSON.stringify({CursorsScript})")}");
        }
    }

    /// <summary>Every cursor shown: its name and where its arrow's tip is on the surface.</summary>
    private const string CursorsScript = """
        [...document.querySelectorAll('[data-testid=cursor]')].map(c => {
            const [at, surface] = [c.firstElementChild.getBoundingClientRect(), document.querySelector('[data-testid=board-surface]').getBoundingClientRect()];
            return { name: c.dataset.participant, x: at.left - surface.left, y: at.top - surface.top };
        })
        """;

    public Task WaitForNoCursorAsync(string name) =>
        Page.WaitForFunctionAsync(
            "name => ![...document.querySelectorAll('[data-testid=cursor]')].some(c => c.dataset.participant === name)", name, Patience);

    /// <summary>Waits until the connection status shows one of these states.</summary>
    public Task WaitForConnectionAsync(params string[] states) =>
        Page.WaitForFunctionAsync(
            "states => states.includes(document.querySelector('[data-testid=connection-status]')?.dataset.state)",
            states,
            new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 50 });

    /// <summary>This person's view: its offset and zoom.</summary>
    public async Task<(float X, float Y, float Scale)> ViewAsync()
    {
        var view = await Page.EvaluateAsync<float[]>(
            $"() => {{ const v = {Whiteboard}.viewState(); return [v.x, v.y, v.scale]; }}");
        return (view[0], view[1], view[2]);
    }

    /// <summary>Opens the share dialog; returns its view-only link and its edit link (null for a viewer).</summary>
    public async Task<(string ViewLink, string? EditLink)> OpenShareAsync()
    {
        await Page.GetByTestId("share").ClickAsync();
        var view = Page.GetByTestId("share-view-link");
        await view.WaitForAsync();
        var edit = Page.GetByTestId("share-edit-link");
        return (await view.InputValueAsync(), await edit.CountAsync() == 0 ? null : await edit.InputValueAsync());
    }

    /// <summary>
    /// Closes the share dialog with Escape and waits until it is gone: the server closes it, and until then its
    /// mask over the board takes the pointer (a stroke drawn at once was lost on a busy machine).
    /// </summary>
    public async Task CloseShareAsync()
    {
        await Page.Keyboard.PressAsync("Escape");
        await Page.GetByTestId("share-view-link").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
    }

    /// <summary>Presses a download button and returns the file it downloads, as text, with its suggested name.</summary>
    public async Task<(string Name, string Content)> DownloadAsync(string testId)
    {
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByTestId(testId).ClickAsync());
        return (download.SuggestedFilename, await File.ReadAllTextAsync((await download.PathAsync())!));
    }

    /// <summary>Sends messages straight to the server, as a script on the page (or a malicious client) could.</summary>
    public Task<string?> SubmitRawAsync(string messagesScript) =>
        Page.EvaluateAsync<string?>(
            $"async () => (await {Whiteboard}.submit({messagesScript})).rejection");

    /// <summary>
    /// Waits until this person's own ink layer, drawn over the published canvas (their work on its way,
    /// the selection's box), has paint at this point.
    /// </summary>
    public Task WaitForOwnInkAtAsync(float x, float y) =>
        Page.WaitForFunctionAsync(InkAt(x, y, "board-wet"), null, Patience);

    /// <summary>Waits until this person's own ink layer is blank at this point.</summary>
    public Task WaitForNoOwnInkAtAsync(float x, float y) =>
        Page.WaitForFunctionAsync($"() => !({InkAt(x, y, "board-wet")})()", null, Patience);

    private static string InkAt(float x, float y, string canvasTestId = "board-dry") => string.Create(CultureInfo.InvariantCulture, $$"""
        () => {
            const x = {{x}}, y = {{y}};
            const canvas = document.querySelector('[data-testid={{canvasTestId}}]');
            const ratio = canvas.width / canvas.getBoundingClientRect().width;
            const data = canvas.getContext('2d').getImageData(Math.round(x * ratio) - 2, Math.round(y * ratio) - 2, 5, 5).data;
            for (let i = 3; i < data.length; i += 4) if (data[i] > 0) return true;
            return false;
        }
        """);
}
