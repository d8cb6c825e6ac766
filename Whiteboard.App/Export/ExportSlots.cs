using Whiteboard.App.Security;

namespace Whiteboard.App.Export;

/// <summary>
/// How many downloads of a board this instance writes at once. An export is streamed, but each still
/// walks the whole board and keeps a core busy; past the bound, a request is told to come back later.
/// The export endpoints carry theirs as metadata.
/// </summary>
public sealed class ExportSlots(int count) : ClientSlots(count, PerClient)
{
    /// <summary>
    /// Exports written at once by one instance: a classroom downloading together waits seconds, not the server's
    /// memory. Ten export.json of a 1.9 M-point board (36 MB each) at once took the server up 1,196 MB when each
    /// file was built whole; streamed, 97 MB with all ten written, 66 MB with four (and six told to retry).
    /// </summary>
    public const int PerInstance = 4;

    /// <summary>
    /// Exports written at once for one client address (an IPv6 client's /64): a person downloading both files
    /// at once is served; one client reading slowly cannot hold every slot of the instance.
    /// </summary>
    public const int PerClient = 2;

    /// <summary>Seconds a refused request is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;
}
