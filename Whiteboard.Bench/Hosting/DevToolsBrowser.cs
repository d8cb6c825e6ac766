using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Whiteboard.Bench.Hosting;

/// <summary>
/// Debian's Chromium, headless, driven over the DevTools protocol by the bench itself, for the <c>browsers</c>
/// scenario. Playwright forwards every WebSocket frame of every page it drives to its driver process and on to
/// the bench (all of a frame's bytes, whether anyone listens or not): with ten pages receiving ink, that took a
/// third of a core from the two the pages and the server share. Here nothing is reported but the answers asked
/// for. Each page is a person: a browser context, so a window, of its own, as with <see cref="HeadlessChromium"/>.
/// </summary>
public sealed class DevToolsBrowser : IAsyncDisposable
{
    // Those of the switches Playwright adds itself that change how a page runs, so that pages here run as
    // they do under Playwright: no timer throttling or lower priority for windows not in front.
    private static readonly string[] PlaywrightSwitches =
    [
        "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows", "--disable-renderer-backgrounding",
        "--disable-ipc-flooding-protection", "--disable-hang-monitor", "--disable-back-forward-cache", "--disable-extensions",
        "--disable-dev-shm-usage", "--disable-field-trial-config", "--hide-scrollbars", "--mute-audio", "--force-color-profile=srgb",
        "--password-store=basic", "--use-mock-keychain", "--no-default-browser-check", "--disable-default-apps",
    ];

    private readonly ChildProcess process;
    private readonly string profile;
    private readonly ClientWebSocket socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> answers = new();
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly Task receiving;
    private int lastId;

    private DevToolsBrowser(ChildProcess process, string profile, ClientWebSocket socket)
    {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
        receiving = ReceiveAsync();
    }

    /// <summary>The browser's own process, which starts all its others.</summary>
    public int ProcessId => process.Id;

    public static async Task<DevToolsBrowser> LaunchAsync()
    {
        var executable = HeadlessChromium.Executable();
        var port = ChildProcess.FreeLoopbackPort();
        var profile = Directory.CreateTempSubdirectory("whiteboard-chromium-").FullName;
        var process = ChildProcess.Start(executable,
        [
            "--headless", $"--window-size={HeadlessChromium.Viewport.Width},{HeadlessChromium.Viewport.Height}", $"--remote-debugging-port={port}", $"--user-data-dir={profile}", "about:blank",
            .. HeadlessChromium.Switches, .. PlaywrightSwitches,
        ], new Dictionary<string, string>());
        try
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(await BrowserEndpointAsync(port), CancellationToken.None);
            return new DevToolsBrowser(process, profile, socket);
        }
        catch
        {
            process.Dispose();
            Directory.Delete(profile, recursive: true);
            throw;
        }
    }

    /// <summary>A page of its own window and profile, sized as <see cref="HeadlessChromium.Viewport"/>.</summary>
    public async Task<DevToolsPage> NewPersonAsync()
    {
        var context = (await SendAsync("Target.createBrowserContext", new JsonObject())).GetProperty("browserContextId").GetString();
        var target = (await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank", ["browserContextId"] = context }))
            .GetProperty("targetId").GetString();
        var session = (await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target, ["flatten"] = true }))
            .GetProperty("sessionId").GetString()!;
        var page = new DevToolsPage(this, session);
        await page.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject
        {
            ["width"] = HeadlessChromium.Viewport.Width, ["height"] = HeadlessChromium.Viewport.Height, ["deviceScaleFactor"] = 1, ["mobile"] = false,
        });
        return page;
    }

    /// <summary>Sends a command (to a page's session, or to the browser) and returns its result.</summary>
    internal async Task<JsonElement> SendAsync(string method, JsonObject parameters, string? session = null)
    {
        var id = Interlocked.Increment(ref lastId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        answers[id] = answer;
        var command = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (session is not null)
        {
            command["sessionId"] = session;
        }

        await sending.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(command.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            sending.Release();
        }

        try
        {
            return await answer.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            answers.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        socket.Abort();
        process.Dispose();
        await receiving;
        socket.Dispose();
        sending.Dispose();
        Directory.Delete(profile, recursive: true);
    }

    private static async Task<Uri> BrowserEndpointAsync(int port)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var version = JsonDocument.Parse(await client.GetStringAsync(new Uri("/json/version", UriKind.Relative), deadline.Token));
                return new Uri(version.RootElement.GetProperty("webSocketDebuggerUrl").GetString()!);
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }

    // Answers go to their commands; events are never asked for, so anything else is dropped.
    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                using (var document = JsonDocument.Parse(message.ToArray()))
                {
                    Answer(document.RootElement);
                }
                message.SetLength(0);
            }
        }
        catch (WebSocketException)
        {
            // The browser went away, or the socket was aborted on disposal.
        }
        catch (OperationCanceledException)
        {
            // The same, seen while receiving.
        }

        foreach (var answer in answers.Values)
        {
            answer.TrySetException(new InvalidOperationException("Chromium's DevTools connection closed."));
        }
    }

    private void Answer(JsonElement message)
    {
        if (!message.TryGetProperty("id", out var id) || !answers.TryRemove(id.GetInt32(), out var answer))
        {
            return;
        }

        if (message.TryGetProperty("error", out var error))
        {
            answer.TrySetException(new InvalidOperationException($"DevTools: {error.GetProperty("message").GetString()}"));
        }
        else
        {
            answer.TrySetResult(message.GetProperty("result").Clone());
        }
    }
}

/// <summary>One page of a <see cref="DevToolsBrowser"/>: navigation, scripts, mouse and keyboard input.</summary>
public sealed class DevToolsPage(DevToolsBrowser browser, string session)
{
    internal Task<JsonElement> SendAsync(string method, JsonObject parameters) => browser.SendAsync(method, parameters, session);

    /// <summary>Opens a board's link and waits until its snapshot is shown.</summary>
    public async Task OpenBoardAsync(Uri address, string key, TimeSpan timeout)
    {
        await SendAsync("Page.navigate", new JsonObject { ["url"] = new Uri(address, $"/b/{key}").ToString() });
        if (!await WaitForAsync($"document.querySelector('{HeadlessChromium.BoardReadySelector}')", timeout))
        {
            throw new TimeoutException($"The board was not shown within {timeout}.");
        }
    }

    /// <summary>Whether a script's <paramref name="condition"/> came true in the page (checked each frame) within the time given.</summary>
    public async Task<bool> WaitForAsync(string condition, TimeSpan timeout) =>
        (await EvaluateAsync($$"""
            new Promise(resolve => {
                const deadline = performance.now() + {{timeout.TotalMilliseconds}};
                const check = () => {
                    if ({{condition}}) resolve(true);
                    else if (performance.now() > deadline) resolve(false);
                    else requestAnimationFrame(check);
                };
                check();
            })
            """)).GetBoolean();

    /// <summary>Runs a script in the page (awaiting a promise it returns) and returns its value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["awaitPromise"] = true, ["returnByValue"] = true });
        if (result.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"The page's script failed: {exception}");
        }

        return result.GetProperty("result").TryGetProperty("value", out var value) ? value : default;
    }

    /// <summary>Moves the mouse, with the left button held when <paramref name="pressed"/>, as input from the browser.</summary>
    public Task MoveMouseAsync(double x, double y, bool pressed) =>
        MouseAsync("mouseMoved", x, y, pressed ? "left" : "none", pressed ? 1 : 0);

    public Task PressMouseAsync(double x, double y) => MouseAsync("mousePressed", x, y, "left", 1);

    public Task ReleaseMouseAsync(double x, double y) => MouseAsync("mouseReleased", x, y, "left", 0);

    /// <summary>Clicks the middle of the element a selector finds, once there is one, with the mouse, as input from the browser.</summary>
    public async Task ClickAsync(string selector)
    {
        if (!await WaitForAsync($"document.querySelector({JsonSerializer.Serialize(selector)})", TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"The page shows no {selector} to click.");
        }

        var middle = await EvaluateAsync($$"""
            (() => {
                const box = document.querySelector({{JsonSerializer.Serialize(selector)}}).getBoundingClientRect();
                return [box.x + box.width / 2, box.y + box.height / 2];
            })()
            """);
        var (x, y) = (middle[0].GetDouble(), middle[1].GetDouble());
        await PressMouseAsync(x, y);
        await ReleaseMouseAsync(x, y);
    }

    /// <summary>Types text into the element with the focus, as the keyboard would (one input event).</summary>
    public Task InsertTextAsync(string text) => SendAsync("Input.insertText", new JsonObject { ["text"] = text });

    private Task MouseAsync(string type, double x, double y, string button, int buttons) =>
        SendAsync("Input.dispatchMouseEvent", new JsonObject
        {
            ["type"] = type, ["x"] = x, ["y"] = y, ["button"] = button, ["buttons"] = buttons, ["clickCount"] = button == "none" ? 0 : 1,
        });
}
