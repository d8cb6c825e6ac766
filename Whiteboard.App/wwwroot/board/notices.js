// Tells the person what went wrong in the page, as a notice (the component's snackbar shows it: BoardCanvas's
// ShowProblem, which knows each problem's words). A problem is told only over a live connection: while it is
// down, the connection badge says why nothing reaches the server.

export const notices = {
    notify(problem) {
        if (!this.connected) return;
        this.dotnet.invokeMethodAsync('ShowProblem', problem).catch(() => {
            // The connection went down while telling: the badge shows that instead.
        });
    },
};
