using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.State;

/// <summary>An edit of a text's content, written down in a snapshot's history and read back under the rules of text.</summary>
public sealed partial class BoardState
{
    private static Validated<HistoryStep> RestoreRetexted(StepRecord record)
    {
        if (record.Ids is not [var text] || !ElementId.TryParse(text, out var id) || record.Texts is not [var before, var after])
        {
            return Validated<HistoryStep>.Reject("An edit of a text is damaged.");
        }

        var (was, becomes) = (MessageValidator.ParseContent(before), MessageValidator.ParseContent(after));
        return was.IsValid && becomes.IsValid
            ? Validated<HistoryStep>.Ok(new Retexted(id, was.Value!, becomes.Value!))
            : Validated<HistoryStep>.Reject($"An edit of a text is damaged. {was.Error ?? becomes.Error}");
    }
}
