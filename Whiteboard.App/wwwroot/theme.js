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
    show(current());
})();
