using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;

namespace Whiteboard.Shared.Validation;

/// <summary>
/// The edits that arrange what was placed: "resize", "add" (a duplicate or a paste), "front" and "back". Part of
/// <see cref="MessageValidator"/>, under its rules.
/// </summary>
internal static class ArrangeMessageParser
{
    public static Validated<BoardOperation> Parse(BoardMessage message)
    {
        if (!OperationId.TryParse(message.Op, out var op))
        {
            return Invalid($"An edit needs an operation id of 1 to {BoardLimits.MaxIdLength} letters, digits, '-' or '_'.");
        }

        if (message.Kind == "add")
        {
            return ParseAdd(op, message.Records);
        }

        var elements = MessageValidator.ParseElementIds(message.Elements);
        if (!elements.IsValid)
        {
            return Invalid(elements.Error!);
        }

        if (message.Kind is "front" or "back")
        {
            return Ok(new RestackElements(op, elements.Value!, message.Kind == "front"));
        }

        if (elements.Value!.Count != 1)
        {
            return Invalid("A resize names one element.");
        }

        return ParseBox(message.Points) is { } box
            ? Ok(new ResizeElement(op, elements.Value[0], box))
            : Invalid($"A resize needs the new bounds as minX, minY, maxX, maxY: finite, of a positive size, within ±{BoardLimits.CoordinateLimit:0}.");
    }

    private static Bounds? ParseBox(double?[]? values)
    {
        if (values is not [{ } minX, { } minY, { } maxX, { } maxY]
            || !new[] { minX, minY, maxX, maxY }.All(value => double.IsFinite(value) && Math.Abs(value) <= BoardLimits.CoordinateLimit))
        {
            return null;
        }

        var box = new Bounds((float)minX, (float)minY, (float)maxX, (float)maxY);
        return box.Width > 0 && box.Height > 0 ? box : null;
    }

    /// <summary>The elements read as an import reads them; the author is set when the board takes them.</summary>
    private static Validated<BoardOperation> ParseAdd(OperationId op, ElementRecord?[]? records)
    {
        if (records is null || records.Length == 0 || records.Length > BoardLimits.MaxElementsPerEdit)
        {
            return Invalid($"An add must hold 1 to {BoardLimits.MaxElementsPerEdit} elements.");
        }

        var elements = new List<BoardElement>(records.Length);
        var ids = new HashSet<ElementId>();
        for (var i = 0; i < records.Length; i++)
        {
            var element = ElementReader.Read(records[i], creditedTo: default(ParticipantId));
            if (!element.IsValid)
            {
                return Invalid($"Element {i} cannot be added. {element.Error}");
            }

            if (!ids.Add(element.Value!.Id))
            {
                return Invalid($"Element {i} has the same id as an earlier one.");
            }

            elements.Add(element.Value);
        }

        return Ok(new AddElements(op, elements));
    }

    private static Validated<BoardOperation> Ok(BoardOperation operation) => Validated<BoardOperation>.Ok(operation);

    private static Validated<BoardOperation> Invalid(string reason) => Validated<BoardOperation>.Reject(reason);
}
