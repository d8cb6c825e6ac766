using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.Documents;

/// <summary>
/// A board's whole history, as an export writes it and an import reads it back: the board at its first moment, each operation after it (replayed
/// through <see cref="BoardState"/>, each changing the board as it did), and the board they lead to, undo histories
/// included (<see cref="Final"/>). All or nothing, with the reason when nothing.
/// </summary>
public sealed record WholeHistory(long First, BoardStateRecord? Checkpoint, IReadOnlyList<WholeHistoryOperation> Operations, BoardStateRecord Final)
{
    /// <summary>The last moment: the file's board.</summary>
    public long Last => Operations.Count > 0 ? Operations[^1].Sequence : First;

    /// <summary>Reads and replays a file's history; <paramref name="state"/> is then the board it leads to.</summary>
    public static Validated<WholeHistory> Read(HistoryDocument document, out BoardState state)
    {
        state = new BoardState();
        if (document.First < 0 || (document.First > 0 && document.Checkpoint is null))
        {
            return Reject("its first moment is not 0 and it does not say what the board held then");
        }

        // Its moments are numbered as the board's own go on from them: a restore names them, exactly, as a JSON number.
        var count = document.Operations?.Length ?? 0;
        if (document.First > MessageValidator.LastSequence - count)
        {
            return Reject($"its moments are numbered past {MessageValidator.LastSequence:N0}");
        }

        if (document.Checkpoint is not null)
        {
            var restored = BoardState.Restore(document.Checkpoint);
            if (!restored.IsValid)
            {
                return Reject($"its first moment cannot be read. {restored.Error}");
            }

            state = restored.Value!;
            if (BeyondLimits(state) is { } limit)
            {
                return Reject($"its first moment holds more than a board may: {limit}");
            }
        }

        var operations = new List<WholeHistoryOperation>(document.Operations?.Length ?? 0);
        foreach (var entry in document.Operations ?? [])
        {
            var sequence = document.First + operations.Count + 1;
            var read = ReadEntry(entry, sequence);
            if (!read.IsValid)
            {
                return Reject($"operation {sequence} cannot be read. {read.Error}");
            }

            var outcome = state.Apply(read.Value!.Author, read.Value.Operation);
            if (outcome.Change is null)
            {
                return Reject($"operation {sequence} does not change the board as it did ({outcome.Rejection ?? "it changes nothing"}).");
            }

            operations.Add(read.Value);
        }

        return Validated<WholeHistory>.Ok(new WholeHistory(document.First, document.Checkpoint, operations, state.Capture()));
    }

    /// <summary>The images every moment of the history shows, by hash.</summary>
    public IEnumerable<string> Images() =>
        RecordImages(Checkpoint).Concat(RecordImages(Final)).Concat(Operations.SelectMany(operation => operation.Operation switch
        {
            PlaceImage image => [image.Hash],
            RestoreMoment { Moment: { } moment } => moment.OfType<Image>().Select(image => image.Hash),
            _ => [],
        }));

    /// <summary>The same history with each image's hash replaced by <paramref name="renamed"/>'s (an import writes images again).</summary>
    public WholeHistory WithImagesRenamed(Func<string, string> renamed) => this with
    {
        Checkpoint = Checkpoint is null ? null : Renamed(Checkpoint, renamed),
        Final = Renamed(Final, renamed),
        Operations = [.. Operations.Select(operation => operation with
        {
            Operation = operation.Operation switch
            {
                PlaceImage image => image with { Hash = renamed(image.Hash) },
                RestoreMoment { Moment: { } moment } restore => restore with
                {
                    Moment = [.. moment.Select(element => element is Image image ? image with { Hash = renamed(image.Hash) } : element)],
                },
                var other => other,
            },
        })],
    };

    /// <summary>The limit of a board's that <paramref name="board"/> is over, as a board drawn on is held to them; null when within them.</summary>
    private static string? BeyondLimits(BoardState board)
    {
        var count = board.Elements().Count;
        return count > BoardLimits.MaxElementsPerBoard
            ? $"a board holds at most {BoardLimits.MaxElementsPerBoard:N0} elements, and it holds {count:N0}"
            : board.Size.LimitExceeded;
    }

    private static Validated<WholeHistoryOperation> ReadEntry(HistoryEntry? entry, long sequence)
    {
        if (entry is null || entry.Sequence != sequence)
        {
            return Validated<WholeHistoryOperation>.Reject($"The operations must be numbered one after another, from {sequence}.");
        }

        if (!Base64Url.IsToken(entry.Author, BoardLimits.MaxIdLength))
        {
            return Validated<WholeHistoryOperation>.Reject("It does not say who made it.");
        }

        var parsed = MessageValidator.Parse([entry.Operation]);
        if (!parsed.IsValid)
        {
            return Validated<WholeHistoryOperation>.Reject(parsed.Error!);
        }

        var seated = entry.Name is not null && entry.Color is not null && DisplayName.Parse(entry.Name).IsValid && CssColor.TryNormalize(entry.Color, out _);
        return Validated<WholeHistoryOperation>.Ok(new WholeHistoryOperation(
            sequence, ParticipantId.Restore(entry.Author!), parsed.Value![0], entry.At, seated ? entry.Name : null, seated ? entry.Color : null));
    }

    private static IEnumerable<string> RecordImages(BoardStateRecord? record) =>
        record is null ? [] : AllElements(record).Where(element => element.Type == "image" && element.Image is not null).Select(element => element.Image!);

    private static IEnumerable<ElementRecord> AllElements(BoardStateRecord record) =>
        (record.Elements ?? []).Concat((record.Histories ?? [])
            .SelectMany(history => (history.Undo ?? []).Concat(history.Redo ?? []))
            .SelectMany(step => (step.Elements ?? []).Concat(step.After ?? [])));

    private static BoardStateRecord Renamed(BoardStateRecord record, Func<string, string> renamed)
    {
        ElementRecord[]? Each(ElementRecord[]? elements) =>
            elements is null ? null : [.. elements.Select(element => element.Image is { } hash ? element with { Image = renamed(hash) } : element)];
        StepRecord[]? Steps(StepRecord[]? steps) =>
            steps is null ? null : [.. steps.Select(step => step with { Elements = Each(step.Elements), After = Each(step.After) })];
        return record with
        {
            Elements = Each(record.Elements),
            Histories = record.Histories is null ? null : [.. record.Histories.Select(history => history with { Undo = Steps(history.Undo), Redo = Steps(history.Redo) })],
        };
    }

    private static Validated<WholeHistory> Reject(string reason) => Validated<WholeHistory>.Reject($"The file's history cannot be imported: {reason}");
}
