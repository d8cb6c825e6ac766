using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Whiteboard.App.Canvas;

/// <summary>
/// Large canvas batches (a large board's snapshot: megabytes of commands), offered to the one page they
/// were drawn for as an HTTP download instead of sent over the circuit. The circuit's SignalR
/// connection writes a message in 4 KB WebSocket frames, so 8 MB take it half a second and more; a plain
/// response takes a tenth of that. A batch is offered only while the page is asked to draw it: taken
/// once, by an unguessable ticket, and withdrawn when the call ends, whether or not it was taken.
/// </summary>
public sealed class CanvasDownloads
{
    /// <summary>Batches up to this many bytes go over the circuit, where a small one arrives soonest.</summary>
    public const int InlineLimit = 256 * 1024;

    public const string Path = "/canvas-batches";

    private readonly ConcurrentDictionary<string, byte[]> offered = new();

    /// <summary>Offers a batch; returns its ticket, which is also the last part of its address.</summary>
    public string Offer(byte[] bytes)
    {
        var ticket = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        offered[ticket] = bytes;
        return ticket;
    }

    /// <summary>The batch of a ticket, once; null when the ticket is unknown, taken or withdrawn.</summary>
    public byte[]? Take(string ticket) => offered.TryRemove(ticket, out var bytes) ? bytes : null;

    public void Withdraw(string ticket) => offered.TryRemove(ticket, out _);

    public static string AddressOf(string ticket) => $"{Path}/{ticket}";
}
