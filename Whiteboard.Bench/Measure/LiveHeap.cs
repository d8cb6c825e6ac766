using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Whiteboard.Bench.Measure;

/// <summary>What a full collection left: the heaps' size (free space between objects included) and the objects that survived it.</summary>
public sealed record HeapReading(long HeapBytes, long LiveBytes);

/// <summary>
/// What a .NET process holds live: it is made to collect all its garbage (a full, blocking collection,
/// asked for through the runtime's diagnostics port, as dotnet-gcdump does) and the runtime's own event
/// after it says what survived and how big the heaps are. The two differ by the free space the collector
/// chose not to compact away, which varies from one run to the next.
/// </summary>
public static class LiveHeap
{
    public static async Task<HeapReading> AfterFullCollectionAsync(int processId, TimeSpan timeout)
    {
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        using var session = await new DiagnosticsClient(processId).StartEventPipeSessionAsync(
            [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, keywords)], requestRundown: false, token: CancellationToken.None);
        var reading = new TaskCompletionSource<HeapReading>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listening = Task.Run(() =>
        {
            using var source = new EventPipeEventSource(session.EventStream);
            var collecting = false;
            // The heaps' size after the collection asked for, not after one the process made meanwhile.
            source.Clr.GCStart += started => collecting |= started.Reason == GCReason.Induced && started.Depth == 2;
            source.Clr.GCHeapStats += stats =>
            {
                if (collecting && reading.TrySetResult(new HeapReading(stats.TotalHeapSize, stats.TotalPromoted)))
                {
                    source.StopProcessing();
                }
            };
            source.Process();
        });

        try
        {
            return await reading.Task.WaitAsync(timeout);
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
            await listening;
        }
    }
}
