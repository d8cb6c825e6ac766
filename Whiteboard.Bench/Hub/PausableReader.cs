using System.IO.Pipelines;

namespace Whiteboard.Bench.Hub;

/// <summary>
/// A pipe reader that can stop handing on what arrives: once paused, reads wait until the reading is
/// cancelled or completed (the connection closing), so what was sent stays unread behind it.
/// </summary>
internal sealed class PausableReader(PipeReader inner) : PipeReader
{
    private readonly TaskCompletionSource resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool paused;

    public void Pause() => paused = true;

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (paused)
        {
            await resumed.Task.WaitAsync(cancellationToken);
        }

        return await inner.ReadAsync(cancellationToken);
    }

    public override bool TryRead(out ReadResult result)
    {
        if (paused)
        {
            result = default;
            return false;
        }

        return inner.TryRead(out result);
    }

    public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

    /// <summary>How a closing connection stops its reader: it resumes, so the read waiting here ends.</summary>
    public override void CancelPendingRead()
    {
        Resume();
        inner.CancelPendingRead();
    }

    public override void Complete(Exception? exception = null)
    {
        Resume();
        inner.Complete(exception);
    }

    private void Resume()
    {
        paused = false;
        resumed.TrySetResult();
    }
}
