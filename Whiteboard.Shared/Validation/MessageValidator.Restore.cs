using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;

namespace Whiteboard.Shared.Validation;

/// <summary>Restoring a moment of the board's history: named by the sequence number of the operation it followed.</summary>
public static partial class MessageValidator
{
    /// <summary>The highest sequence number a message can name exactly (a JSON number is a double): a history's last moment, at most.</summary>
    public const long LastSequence = 9_007_199_254_740_991;

    /// <summary>The one restore a batch may hold, at most, and why a batch holding more is refused.</summary>
    public const string OneRestoreABatch = "A batch may restore one moment at most: send each restore on its own.";

    /// <summary>
    /// Why a batch's restores are refused: each one reads a whole moment from the history and replaces the whole board, so a
    /// batch holds one at most. Null when it holds one or none.
    /// </summary>
    private static string? RefuseRestores(IEnumerable<BoardOperation> operations) =>
        operations.OfType<RestoreMoment>().Skip(1).Any() ? OneRestoreABatch : null;

    private static Validated<BoardOperation> ParseRestore(BoardMessage message)
    {
        if (!OperationId.TryParse(message.Op, out var op))
        {
            return Invalid($"A restore needs an operation id of 1 to {BoardLimits.MaxIdLength} letters, digits, '-' or '_'.");
        }

        if (message.Sequence is not { } sequence || !double.IsFinite(sequence) || sequence < 0 || sequence > LastSequence
            || Math.Floor(sequence) != sequence)
        {
            return Invalid("A restore needs the sequence number of a moment of the board's history: a whole number, 0 or more.");
        }

        if (message.Moment is null)
        {
            return Ok(new RestoreMoment(op, (long)sequence, null));
        }

        var moment = ParseMoment(message.Moment);
        return moment.IsValid ? Ok(new RestoreMoment(op, (long)sequence, moment.Value)) : Invalid(moment.Error!);
    }

    /// <summary>A stored restore's elements: finished, each id once, no more than a board holds.</summary>
    private static Validated<IReadOnlyList<BoardElement>> ParseMoment(ElementRecord[] records)
    {
        if (records.Length > BoardLimits.MaxElementsPerBoard)
        {
            return Validated<IReadOnlyList<BoardElement>>.Reject($"A restored moment holds at most {BoardLimits.MaxElementsPerBoard:N0} elements.");
        }

        var elements = new List<BoardElement>(records.Length);
        var ids = new HashSet<ElementId>();
        foreach (var record in records)
        {
            var element = ElementReader.Read(record, creditedTo: null);
            if (!element.IsValid)
            {
                return Validated<IReadOnlyList<BoardElement>>.Reject($"An element of the restored moment is damaged. {element.Error}");
            }

            if (!element.Value!.IsFinished || !ids.Add(element.Value.Id))
            {
                return Validated<IReadOnlyList<BoardElement>>.Reject("A restored moment's elements are finished, each id once.");
            }

            elements.Add(element.Value);
        }

        return Validated<IReadOnlyList<BoardElement>>.Ok(elements);
    }
}
