using Orleans.Concurrency;
using Orleans.Placement;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Boards;

/// <summary>
/// The grain that holds a board's writer, wherever in the cluster Orleans places it: one per board at a time, on the
/// instance of the first room that asks for it (where its people are: one hop fewer for them). Its calls interleave;
/// the writer takes them one turn at a time, and a relay's question waiting for news holds up nobody.
/// </summary>
[Reentrant]
[PreferLocalPlacement]
public sealed partial class BoardGrain(IBoardStore store, TimeProvider clock, BoardRoomOptions options, ILogger<BoardGrain> logger)
    : Grain, IBoardGrain
{
    /// <summary>
    /// A relay silent this long is taken for gone with its instance, and its seats are given back; someone whose half
    /// drawn ink waited for them this long after the board was loaded is not coming back, and it is finished.
    /// </summary>
    public static readonly TimeSpan RelayPatience = BoardWriter.ListenPatience * 3;

    private BoardWriter? writer;

    private BoardWriter Writer => writer ?? throw new InvalidOperationException("The board's writer is not loaded.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = BoardId.TryParse(this.GetPrimaryKeyString(), out var parsed) ? parsed : throw new ArgumentException("A board grain's key is a board id.");
        writer = await BoardWriter.LoadAsync(id, store, clock, logger, options, cancellationToken)
            ?? throw new InvalidOperationException($"There is no board {id}.");
        this.RegisterGrainTimer(ForgetTheAbsentAsync, new GrainTimerCreationOptions(RelayPatience, RelayPatience / 3) { Interleave = true });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (writer is { HasFailed: false })
        {
            await writer.StopAsync();
        }
    }

    public Task<byte[]> AskAsync(string relay, byte[] requests) => GoingWhenDoneAsync(() => Writer.AskAsync(relay, requests));

    public Task<byte[]> ListenAsync(string relay, byte[] cursor) => GoingWhenDoneAsync(() => Writer.ListenAsync(relay, cursor));

    public Task ForgetRelayAsync(string relay) => GoingWhenDoneAsync(async () =>
    {
        await Writer.ForgetRelayAsync(relay);
        return true;
    });

    private Task ForgetTheAbsentAsync(CancellationToken cancellationToken) => GoingWhenDoneAsync(async () =>
    {
        await Writer.ForgetTheAbsentAsync(RelayPatience);
        return true;
    });

    /// <summary>
    /// The grain goes once no relay follows the board (writing the board down, freeing its memory), or once its writer
    /// failed (the next request activates it again, loading the board from the store).
    /// </summary>
    private async Task<T> GoingWhenDoneAsync<T>(Func<Task<T>> request)
    {
        try
        {
            return await request();
        }
        finally
        {
            if (Writer.IsDone)
            {
                this.DeactivateOnIdle();
            }
        }
    }
}
