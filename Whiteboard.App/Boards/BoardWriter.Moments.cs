using Whiteboard.App.History;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Boards;

/// <summary>
/// Restoring a moment: the writer reads the moment's elements from the board's history (checkpoint and replay, in the
/// store), before the turn that applies the restore, so that the read holds up no turn. Every operation up to the
/// writer's last is stored between turns, so the history has every moment a restore may name. A moment is read only for
/// a restore that could be applied: its batch parses, its seat may edit, and its author has restored fewer than
/// <see cref="BoardLimits.RestoresPerMinute"/> moments in the last minute; nobody else makes the server replay history.
/// </summary>
public sealed partial class BoardWriter
{
    /// <summary>The refusal of a restore past <see cref="BoardLimits.RestoresPerMinute"/>.</summary>
    public static readonly string TooManyRestores =
        $"You may restore {BoardLimits.RestoresPerMinute} moments a minute at most: wait a moment, then restore it again.";

    private static readonly TimeSpan RestoreWindow = TimeSpan.FromMinutes(1);

    /// <summary>When each person's moments were read for a restore within the last minute, oldest first. Used in turns only.</summary>
    private readonly Dictionary<ParticipantId, Queue<DateTimeOffset>> restoredAt = [];

    /// <summary>The moments the requests' restores name, read from the history, or why each was not.</summary>
    private async Task<Moments> ReadMomentsAsync(string relay, IReadOnlyList<RelayRequest> requests)
    {
        var moments = new Moments();
        if (!requests.Any(request => request is SubmitRequest submit && submit.Operations.Any(message => message?.Kind == "restore")))
        {
            return moments;
        }

        var wanted = await WantedAsync(relay, requests, moments);
        if (wanted.Count == 0)
        {
            return moments;
        }

        if (store is not IBoardHistoryStore historyStore)
        {
            foreach (var request in wanted.Keys)
            {
                moments.Set(request, Validated<IReadOnlyList<BoardElement>>.Reject("This board's store keeps no history to restore from."));
            }

            return moments;
        }

        var history = new BoardHistory(historyStore);
        var read = new Dictionary<long, Validated<IReadOnlyList<BoardElement>>>();
        foreach (var (request, sequence) in wanted)
        {
            if (!read.TryGetValue(sequence, out var moment))
            {
                read[sequence] = moment = await ReadMomentAsync(history, sequence);
            }

            moments.Set(request, moment);
        }

        return moments;
    }

    /// <summary>
    /// In a turn of its own (seats, keys and the restores made change in turns): the moment each request's restore may have
    /// read, by the request's place; a restore past its author's rate is refused in <paramref name="moments"/>, and counted.
    /// </summary>
    private async Task<Dictionary<int, long>> WantedAsync(string relay, IReadOnlyList<RelayRequest> requests, Moments moments)
    {
        var wanted = new Dictionary<int, long>();
        await turn.WaitAsync();
        try
        {
            ThrowIfFailed();
            var now = clock.GetUtcNow();
            ForgetRestoresBefore(now - RestoreWindow);
            for (var i = 0; i < requests.Count; i++)
            {
                // The turn that applies the request refuses it, with the reason, when it is not one of these.
                if (requests[i] is not SubmitRequest submit || seats.Find(submit.Seat) is not { } from || from.Relay != relay
                    || RefuseUnlessEditor(from) is not null
                    || MessageValidator.Parse(submit.Operations) is not { IsValid: true, Value: { } operations }
                    || operations.OfType<RestoreMoment>().FirstOrDefault() is not { } restore)
                {
                    continue;
                }

                if (TakeRestore(from.Participant, now))
                {
                    wanted[i] = restore.Sequence;
                }
                else
                {
                    moments.Set(i, Validated<IReadOnlyList<BoardElement>>.Reject(TooManyRestores));
                }
            }
        }
        finally
        {
            turn.Release();
        }

        return wanted;
    }

    private async Task<Validated<IReadOnlyList<BoardElement>>> ReadMomentAsync(BoardHistory history, long sequence)
    {
        try
        {
            return await history.ElementsAtAsync(Id, sequence, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var problem = StoreFailure.Describe(exception);
            LogMomentNotRead(logger, exception, Id, sequence, problem);
            return Validated<IReadOnlyList<BoardElement>>.Reject($"That moment could not be read from the board's history. {problem}");
        }
    }

    /// <summary>Counts a restore of <paramref name="participant"/>'s; false (counting none) when they made their minute's already.</summary>
    private bool TakeRestore(ParticipantId participant, DateTimeOffset now)
    {
        if (!restoredAt.TryGetValue(participant, out var times))
        {
            restoredAt[participant] = times = new Queue<DateTimeOffset>();
        }

        if (times.Count >= BoardLimits.RestoresPerMinute)
        {
            return false;
        }

        times.Enqueue(now);
        return true;
    }

    private void ForgetRestoresBefore(DateTimeOffset since)
    {
        foreach (var (participant, times) in restoredAt)
        {
            while (times.TryPeek(out var at) && at <= since)
            {
                times.Dequeue();
            }

            if (times.Count == 0)
            {
                restoredAt.Remove(participant);
            }
        }
    }

    /// <summary>The moments a turn's restores asked for, by the place of their request, as read from the history, or why each was not.</summary>
    private sealed class Moments
    {
        private static readonly Validated<IReadOnlyList<BoardElement>> NotRead =
            Validated<IReadOnlyList<BoardElement>>.Reject("That moment was not read from the board's history: restore it again.");

        private readonly Dictionary<int, Validated<IReadOnlyList<BoardElement>>> byRequest = [];

        public void Set(int request, Validated<IReadOnlyList<BoardElement>> moment) => byRequest[request] = moment;

        /// <summary>The moment the restore of request <paramref name="request"/> names, or why it was not read.</summary>
        public Validated<IReadOnlyList<BoardElement>> For(int request) => byRequest.TryGetValue(request, out var moment) ? moment : NotRead;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board {Board}: moment {Sequence} could not be read from the history for a restore: {Problem}")]
    private static partial void LogMomentNotRead(ILogger logger, Exception exception, BoardId board, long sequence, string problem);
}
