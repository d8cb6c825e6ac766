using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Whiteboard.Bench.Measure;

/// <summary>
/// What a .NET process holds live: it is made to collect all its garbage (a full, blocking collection,
/// asked for through the runtime's diagnostics port, as dotnet-gcdump does) and the size of its heaps
/// right after is read from the runtime's own event.
/// </summary>
public static class LiveHeap
{
    public static async Task<long> AfterFullCollectionAsync(int processId, TimeSpan timeout)
    {
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        using var session = await new DiagnosticsClient(processId).StartEventPipeSessionAsync(
            [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, keywords)], requestRundown: false, token: CancellationToken.None);
        var live = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = Task.Run(() =>
        {
            using var source = new EventPipeEventSource(session.EventStream);
            var collecting = false;
            // The heaps' size after the collection asked for, not after one the process made meanwhile.
            source.Clr.GCStart += started => collecting |= started.Reason == GCReason.Induced && started.Depth == 2;
            source.Clr.GCHeapStats += stats =>
            {
                if (collecting && live.TrySetResult(stats.TotalHeapSize))
                {
                    source.StopProcessing();
                }
            };
            source.Process();
        });

        try
        {
            return await live.Task.WaitAsync(timeout);
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
            await reading;
        }
    }
}
