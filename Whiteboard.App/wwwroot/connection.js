// Starts Blazor with the app's own reconnection. A dropped circuit is retried for as long as the page
// is open: at once, then more slowly, and at once again when the browser says it is back online. The
// state is shown on the connection-status badge and told to the board (a 'whiteboard:connection'
// event), which keeps what the person draws meanwhile. When the server no longer has the circuit (it
// restarted, or the drop outlasted it) the page reloads, and the board sends what this browser kept.
(() => {
    const delays = [0, 250, 500, 1000, 2000, 3000, 5000]; // milliseconds before each attempt; the last repeats
    const offlineAfter = 4; // failed attempts in a row before the badge says offline
    const notConnected = "Cannot send data if the connection is not in the 'Connected' State."; // SignalR's HttpConnection.send
    let state = 'connecting';
    let reconnecting = false;

    function mark() {
        const badge = document.querySelector('[data-testid="connection-status"]');
        if (badge && badge.dataset.state !== state) badge.dataset.state = state;
    }

    function show(next) {
        state = next;
        document.documentElement.dataset.connection = next;
        mark();
        window.dispatchEvent(new CustomEvent('whiteboard:connection', { detail: next }));
    }

    // Waits, or less when the browser comes back online or the page is shown again.
    function pause(milliseconds) {
        return new Promise(resolve => {
            const done = () => {
                clearTimeout(timer);
                window.removeEventListener('online', done);
                document.removeEventListener('visibilitychange', done);
                resolve();
            };
            const timer = setTimeout(done, milliseconds);
            window.addEventListener('online', done);
            document.addEventListener('visibilitychange', done);
        });
    }

    async function reconnect() {
        if (reconnecting) return;
        reconnecting = true;
        show(navigator.onLine ? 'reconnecting' : 'offline');
        for (let attempt = 0; ; attempt++) {
            await pause(delays[Math.min(attempt, delays.length - 1)]);
            try {
                if (await Blazor.reconnect()) {
                    reconnecting = false;
                    show('connected');
                } else {
                    location.reload();
                }
                return;
            } catch {
                if (attempt + 1 >= offlineAfter || !navigator.onLine) show('offline');
            }
        }
    }

    // Blazor sends each call into .NET (and each answer to one) without watching the send: one made while
    // the connection is closing, before Blazor says it is down, fails as an unhandled rejection of Blazor's
    // own. Only that call is lost: the board sends again whatever the server did not acknowledge once the
    // connection is back, and its other calls are retried by what the person does next.
    window.addEventListener('unhandledrejection', e => {
        if (e.reason instanceof Error && e.reason.message === notConnected) e.preventDefault();
    });
    // The badge is rendered by Blazor, and may be rendered again: it is marked whenever it appears.
    new MutationObserver(mark).observe(document.body, { childList: true, subtree: true });
    window.addEventListener('offline', () => { if (state === 'reconnecting') show('offline'); });
    // Leaving the page ends its circuit at once, so the others see the person go. (Blazor listens for
    // 'unload', which browsers are retiring; a page kept for the back button keeps its circuit.)
    window.addEventListener('pagehide', e => { if (!e.persisted) Blazor.disconnect?.(); });

    Blazor.start({
        circuit: {
            // The app has no JavaScript initializers: said here, Blazor does not ask the server for them
            // (a request, and a round trip, before the circuit can start).
            initializers: { beforeStart: [], afterStarted: [] },
            reconnectionHandler: {
                onConnectionDown: () => { reconnect(); },
                onConnectionUp: () => show('connected'),
            },
        },
    }).then(() => show('connected'));
})();
