using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Boards;

/// <summary>
/// One participant on one board: one per circuit. Forwards the participant's input to the room
/// after validation, and pumps the room's updates, in order, to whoever shows them.
/// </summary>
public sealed partial class BoardSession(BoardRooms rooms, ILogger<BoardSession> logger) : IAsyncDisposable
{
    private CancellationTokenSource closing = new();
    private BoardRoom? room;
    private RoomSubscription? subscription;
    private Task pump = Task.CompletedTask;

    /// <summary>Made here, never taken from the client, so nobody can act as someone else.</summary>
    public ParticipantId Participant { get; } = ParticipantId.New();

    /// <summary>
    /// Joins the board and starts delivering updates (the snapshot first) to <paramref name="show"/>,
    /// one call per batch, never two at once. False when the board does not exist.
    /// </summary>
    public async Task<bool> JoinAsync(BoardId board, Func<IReadOnlyList<RoomUpdate>, Task> show)
    {
        if (room is not null)
        {
            throw new InvalidOperationException("This session is already on a board.");
        }

        var opened = await rooms.OpenAsync(board, closing.Token);
        if (opened is null)
        {
            return false;
        }

        subscription = await opened.JoinAsync(Participant, closing.Token);
        room = opened;
        pump = PumpAsync(opened, subscription, show, closing.Token);
        return true;
    }

    public async Task<SubmitResult> SubmitInkAsync(IReadOnlyList<InkMessage?>? messages)
    {
        if (room is null)
        {
            return SubmitResult.Rejected("You are not on a board.");
        }

        var operations = InkValidator.Parse(messages);
        if (!operations.IsValid)
        {
            return SubmitResult.Rejected(operations.Error!);
        }

        return await room.SubmitAsync(Participant, operations.Value!, closing.Token);
    }

    /// <summary>
    /// Tells the room whether this participant's connection is up. Coming back, the session asks
    /// for a snapshot, since what was sent while the connection was down may not have been shown.
    /// </summary>
    public async Task SetConnectedAsync(bool connected)
    {
        if (room is null || subscription is null)
        {
            return;
        }

        await room.SetConnectedAsync(subscription, connected, closing.Token);
        if (connected)
        {
            subscription.MarkLagging();
            await room.ResyncAsync(subscription, closing.Token);
        }
    }

    /// <summary>Leaves the board, so that this session can join another (a circuit may navigate between boards).</summary>
    public async Task LeaveAsync()
    {
        if (room is null || subscription is null)
        {
            return;
        }

        await closing.CancelAsync();
        await pump;
        await room.LeaveAsync(subscription);
        room = null;
        subscription = null;
        pump = Task.CompletedTask;
        closing.Dispose();
        closing = new CancellationTokenSource();
    }

    public async ValueTask DisposeAsync()
    {
        await LeaveAsync();
        closing.Dispose();
    }

    private async Task PumpAsync(
        BoardRoom from, RoomSubscription updates, Func<IReadOnlyList<RoomUpdate>, Task> show, CancellationToken cancellationToken)
    {
        try
        {
            while (await updates.Updates.WaitToReadAsync(cancellationToken))
            {
                var batch = new List<RoomUpdate>();
                while (updates.Updates.TryRead(out var update))
                {
                    batch.Add(update);
                }

                await show(batch);
                if (updates.IsLagging)
                {
                    await from.ResyncAsync(updates, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The session is closing.
        }
        catch (Exception exception)
        {
            LogPumpFailed(logger, exception, from.Id, Participant);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Board {Board}: updates to participant {Participant} stopped after a failure")]
    private static partial void LogPumpFailed(ILogger logger, Exception exception, BoardId board, ParticipantId participant);
}
