using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;

namespace Whiteboard.Shared.Validation;

/// <summary>Styles in messages: which element takes which part, and restyling elements on the board.</summary>
public static partial class MessageValidator
{
    /// <summary>The operation, unless its element cannot have its style (a fill on a line, a dashed pen stroke).</summary>
    private static Validated<BoardOperation> OkStyled(BoardOperation operation)
    {
        var refusal = operation switch
        {
            DrawShape shape when shape.Style.Fill is not null && !ElementStyles.TakesFill(shape.Kind) =>
                "Only rectangles and ellipses take a fill.",
            BeginStroke { Style: var style } when style.Fill is not null || style.Line != LineStyle.Solid =>
                "A pen stroke takes no fill and is drawn solid.",
            PlaceText { Style: var style } when style.Fill is not null || style.Line != LineStyle.Solid =>
                "Text takes no fill and no line style.",
            _ => null,
        };
        return refusal is null ? Ok(operation) : Invalid(refusal);
    }

    private static Validated<BoardOperation> ParseRestyle(BoardMessage message)
    {
        if (!OperationId.TryParse(message.Op, out var op))
        {
            return Invalid($"An edit needs an operation id of 1 to {BoardLimits.MaxIdLength} letters, digits, '-' or '_'.");
        }

        var elements = ParseElementIds(message.Elements);
        if (!elements.IsValid)
        {
            return Invalid(elements.Error!);
        }

        var change = StyleParts.ParseChange(message.Color, message.Width, message.Fill, message.Line, message.Opacity);
        return change.IsValid ? Ok(new RestyleElements(op, elements.Value!, change.Value!)) : Invalid(change.Error!);
    }
}
