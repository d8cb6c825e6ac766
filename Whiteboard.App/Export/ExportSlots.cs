namespace Whiteboard.App.Export;

/// <summary>
/// How many downloads of a board this instance writes at once. An export is streamed, but each still
/// walks the whole board and keeps a core busy; past the bound, a request is told to come back later.
/// The export endpoints carry theirs as metadata.
/// </summary>
public sealed class ExportSlots(int count)
{
    /// <summary>
    /// Exports written at once by one instance: a classroom downloading together waits seconds, not the server's
    /// memory. Ten export.json of a 1.9 M-point board (36 MB each) at once took the server up 1,196 MB when each
    /// file was built whole; streamed, 97 MB with all ten written, 66 MB with four (and six told to retry).
    /// </summary>
    public const int PerInstance = 4;

    /// <summary>Seconds a refused request is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    private int taken;

    /// <summary>A slot, to dispose once the export is written; null when every slot is taken.</summary>
    public IDisposable? TryTake()
    {
        if (Interlocked.Increment(ref taken) > count)
        {
            Interlocked.Decrement(ref taken);
            return null;
        }

        return new Slot(this);
    }

    private sealed class Slot(ExportSlots slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                Interlocked.Decrement(ref slots.taken);
            }
        }
    }
}
