using Whiteboard.App.History;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Boards;

/// <summary>
/// Restoring a moment: the writer reads the moment's elements from the board's history (checkpoint and replay, in the
/// store), before the turn that applies the restore, so that the read holds up no turn. Every operation up to the
/// writer's last is stored between turns, so the history has every moment a restore may name.
/// </summary>
public sealed partial class BoardWriter
{
    private async Task<Moments> ReadMomentsAsync(IReadOnlyList<RelayRequest> requests)
    {
        var asked = requests.OfType<SubmitRequest>()
            .SelectMany(submit => submit.Operations)
            .Where(message => message is { Kind: "restore", Sequence: { } wanted } && wanted >= 0 && wanted == Math.Floor(wanted) && wanted <= long.MaxValue)
            .Select(message => (long)message.Sequence!.Value)
            .Distinct()
            .ToList();
        var read = new Dictionary<long, Validated<IReadOnlyList<BoardElement>>>();
        if (asked.Count == 0)
        {
            return new Moments(read);
        }

        if (store is not IBoardHistoryStore historyStore)
        {
            asked.ForEach(wanted => read[wanted] = Validated<IReadOnlyList<BoardElement>>.Reject("This board's store keeps no history to restore from."));
            return new Moments(read);
        }

        var history = new BoardHistory(historyStore);
        foreach (var wanted in asked)
        {
            try
            {
                read[wanted] = await history.ElementsAtAsync(Id, wanted, CancellationToken.None);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                var problem = StoreFailure.Describe(exception);
                LogMomentNotRead(logger, exception, Id, wanted, problem);
                read[wanted] = Validated<IReadOnlyList<BoardElement>>.Reject($"That moment could not be read from the board's history. {problem}");
            }
        }

        return new Moments(read);
    }

    /// <summary>The moments a turn's restores asked for, as read from the history, or why each could not be.</summary>
    private sealed class Moments(Dictionary<long, Validated<IReadOnlyList<BoardElement>>> read)
    {
        /// <summary>Why one of these operations, a restore, cannot be applied; null when each restore has its moment.</summary>
        public string? Refusal(IEnumerable<BoardOperation> operations) => operations
            .OfType<RestoreMoment>()
            .Select(restore => read.TryGetValue(restore.Sequence, out var moment) ? moment.Error : "That moment was not read from the board's history.")
            .FirstOrDefault(error => error is not null);

        public IReadOnlyList<BoardElement> At(long sequence) => read[sequence].Value!;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board {Board}: moment {Sequence} could not be read from the history for a restore: {Problem}")]
    private static partial void LogMomentNotRead(ILogger logger, Exception exception, BoardId board, long sequence, string problem);
}
