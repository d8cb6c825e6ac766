using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;

namespace Whiteboard.Shared.Validation;

/// <summary>Restoring a moment of the board's history: named by the sequence number of the operation it followed.</summary>
public static partial class MessageValidator
{
    /// <summary>The highest sequence number a message can name exactly (a JSON number is a double).</summary>
    private const double LastExactSequence = 9_007_199_254_740_991;

    private static Validated<BoardOperation> ParseRestore(BoardMessage message)
    {
        if (!OperationId.TryParse(message.Op, out var op))
        {
            return Invalid($"A restore needs an operation id of 1 to {BoardLimits.MaxIdLength} letters, digits, '-' or '_'.");
        }

        if (message.Sequence is not { } sequence || !double.IsFinite(sequence) || sequence < 0 || sequence > LastExactSequence
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
