// The light or dark theme: the person's choice, kept in this browser, or else the system's. Loaded in the
// page's head, before anything paints; the cookie tells the server which theme to render the next page in.
(() => {
    const key = 'whiteboard.theme';
    const system = matchMedia('(prefers-color-scheme: dark)');

    function chosen() {
        try {
            return localStorage.getItem(key);
        } catch {
            return null; // storage refused (a private window's settings): the system's theme it is
        }
    }

    function current() {
        const choice = chosen();
        return choice === 'dark' || choice === 'light' ? choice : system.matches ? 'dark' : 'light';
    }

    function kept() {
        return document.cookie.split('; ').find(cookie => cookie.startsWith(`${key}=`))?.slice(key.length + 1) ?? null;
    }

    function show(theme) {
        document.documentElement.dataset.theme = theme;
        document.cookie = `${key}=${theme}; path=/; max-age=31536000; samesite=lax`;
    }

    window.whiteboardTheme = {
        current,
        choose(theme) {
            try {
                localStorage.setItem(key, theme);
            } catch {
                // not kept: this page still shows it, and the cookie carries it to the next
            }
            show(theme);
        },
    };
    system.addEventListener('change', () => show(current()));
    const firstVisit = kept() === null;
    show(current());
    // A first visit has no cookie, so the server rendered the light theme: when the browser shows the dark one, the
    // page is loaded again, once, in it (a static page has no circuit to change it). Only when the cookie was
    // really kept: a browser that refuses cookies would otherwise reload for ever.
    const rendered = document.documentElement.dataset.renderedTheme;
    if (firstVisit && rendered && rendered !== current() && kept() === current()) {
        location.reload();
    }
})();
