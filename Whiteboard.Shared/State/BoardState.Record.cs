using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.State;

/// <summary>Writing a board down and reading it back: for stored snapshots and for imported boards.</summary>
public sealed partial class BoardState
{
    /// <summary>A board holding these elements, finished, in this order, and this chat, with no one's history.</summary>
    public static BoardState Of(IEnumerable<BoardElement> elements, IEnumerable<ChatMessage> chat)
    {
        var state = new BoardState();
        foreach (var element in elements)
        {
            state.Add(element);
        }

        foreach (var message in chat)
        {
            state.AddChat(message);
        }

        return state;
    }

    /// <summary>Every chat message, oldest first: what an export carries.</summary>
    public IReadOnlyList<ChatMessage> Chat() => [.. chat];

    /// <summary>Everything the board holds, history included; replaying after it continues as if it had never been written down.</summary>
    public BoardStateRecord Capture() => new(
        BoardStateRecord.CurrentVersion,
        [.. drawingOrder.Select(id => ElementRecord.Of(elements[id], withAuthor: true))],
        [.. authorsOfEveryId.Where(pair => !elements.ContainsKey(pair.Key)).Select(pair => new[] { pair.Key.Value, pair.Value.Value })],
        [.. histories.Select(pair => new HistoryRecord(
            pair.Key.Value,
            [.. pair.Value.UndoSteps.Select(Capture)],
            [.. pair.Value.RedoSteps.Select(Capture)],
            [.. pair.Value.SeenOperations.Select(op => op.Value)]))],
        [.. chat.Select(ChatRecord.Of)]);

    /// <summary>The board a record stands for, or why it cannot be read (a damaged or foreign record).</summary>
    public static Validated<BoardState> Restore(BoardStateRecord? record)
    {
        if (record is not { Version: BoardStateRecord.CurrentVersion, Elements: { } records })
        {
            return Validated<BoardState>.Reject("The board's snapshot is not of a version this build reads.");
        }

        var state = new BoardState();
        foreach (var elementRecord in records)
        {
            var read = ElementReader.Read(elementRecord, creditedTo: null);
            if (!read.IsValid || state.authorsOfEveryId.ContainsKey(read.Value!.Id))
            {
                return Validated<BoardState>.Reject($"An element of the board's snapshot is damaged. {read.Error}");
            }

            var element = read.Value;
            if (element is Stroke { IsFinished: false } open)
            {
                var points = new PointBuffer(open.Points.Length);
                points.Append(open.Points.ToArray(), 0);
                state.openStrokes.Add(open.Id, points);
                element = open with { Points = points.View };
            }

            state.Add(element);
        }

        foreach (var retired in record.Retired ?? [])
        {
            if (retired is not [var id, var author] || !ElementId.TryParse(id, out var elementId)
                || !Base64Url.IsToken(author, BoardLimits.MaxIdLength) || !state.authorsOfEveryId.TryAdd(elementId, ParticipantId.Restore(author)))
            {
                return Validated<BoardState>.Reject("The ids used on the board, in its snapshot, are damaged.");
            }
        }

        foreach (var chatRecord in record.Chat ?? [])
        {
            var message = ChatRecord.Read(chatRecord, state.chat.Count + 1);
            if (!message.IsValid)
            {
                return Validated<BoardState>.Reject($"A chat message of the board's snapshot is damaged. {message.Error}");
            }

            state.AddChat(message.Value!);
        }

        foreach (var historyRecord in record.Histories ?? [])
        {
            var history = RestoreHistory(historyRecord);
            if (!history.IsValid || !state.histories.TryAdd(ParticipantId.Restore(historyRecord.Participant!), history.Value!))
            {
                return Validated<BoardState>.Reject($"A participant's history in the board's snapshot is damaged. {history.Error}");
            }
        }

        return Validated<BoardState>.Ok(state);
    }

    private static StepRecord Capture(HistoryStep step) => step switch
    {
        Appeared appeared => new("appeared", [.. appeared.Elements.Select(element => ElementRecord.Of(element, withAuthor: true))]),
        Disappeared disappeared => new("disappeared", [.. disappeared.Elements.Select(element => ElementRecord.Of(element, withAuthor: true))]),
        Moved moved => new("moved", Ids: [.. moved.Elements.Select(id => id.Value)], Dx: moved.Dx, Dy: moved.Dy),
        Retexted retexted => new("retexted", Ids: [retexted.Element.Value], Texts: [retexted.Before, retexted.After]),
        Restyled restyled => new("restyled", Restyles: [.. restyled.Elements.Select(RestyleRecord.Of)]),
        Resized or Restacked => CaptureArranging(step),
        Replaced replaced => new("replaced", [.. replaced.Before.Select(element => ElementRecord.Of(element, withAuthor: true))],
            After: [.. replaced.After.Select(element => ElementRecord.Of(element, withAuthor: true))]),
        _ => throw new InvalidOperationException($"Unknown history step {step.GetType().Name}."),
    };

    private static Validated<ParticipantHistory> RestoreHistory(HistoryRecord record)
    {
        if (!Base64Url.IsToken(record.Participant, BoardLimits.MaxIdLength))
        {
            return Validated<ParticipantHistory>.Reject("It names no participant.");
        }

        var history = new ParticipantHistory();
        foreach (var (steps, push) in new (StepRecord[]?, Action<HistoryStep>)[] { (record.Undo, history.PushUndo), (record.Redo, history.PushRedo) })
        {
            foreach (var stepRecord in steps ?? [])
            {
                var step = RestoreStep(stepRecord);
                if (!step.IsValid)
                {
                    return Validated<ParticipantHistory>.Reject(step.Error!);
                }

                push(step.Value!);
            }
        }

        foreach (var op in record.Seen ?? [])
        {
            if (!OperationId.TryParse(op, out var id))
            {
                return Validated<ParticipantHistory>.Reject("An edit id is damaged.");
            }

            history.Remember(id);
        }

        return Validated<ParticipantHistory>.Ok(history);
    }

    private static Validated<HistoryStep> RestoreStep(StepRecord? record)
    {
        if (record?.Kind == "retexted")
        {
            return RestoreRetexted(record);
        }

        if (record?.Kind == "restyled")
        {
            return RestoreRestyled(record);
        }

        if (RestoreArranging(record) is { } arranged)
        {
            return arranged;
        }

        if (record?.Kind == "moved")
        {
            var ids = new List<ElementId>();
            foreach (var text in record.Ids ?? [])
            {
                if (!ElementId.TryParse(text, out var id))
                {
                    return Validated<HistoryStep>.Reject("A moved element's id is damaged.");
                }

                ids.Add(id);
            }

            return float.IsFinite(record.Dx) && float.IsFinite(record.Dy)
                ? Validated<HistoryStep>.Ok(new Moved(ids, record.Dx, record.Dy))
                : Validated<HistoryStep>.Reject("A move's distance is damaged.");
        }

        var versions = ReadVersions(record?.Elements);
        if (!versions.IsValid)
        {
            return Validated<HistoryStep>.Reject(versions.Error!);
        }

        if (record?.Kind == "replaced")
        {
            var after = ReadVersions(record.After);
            return after.IsValid ? Validated<HistoryStep>.Ok(new Replaced(versions.Value!, after.Value!)) : Validated<HistoryStep>.Reject(after.Error!);
        }

        return record?.Kind switch
        {
            "appeared" => Validated<HistoryStep>.Ok(new Appeared(versions.Value!)),
            "disappeared" => Validated<HistoryStep>.Ok(new Disappeared(versions.Value!)),
            _ => Validated<HistoryStep>.Reject("A history step is of no known kind."),
        };
    }

    private static Validated<IReadOnlyList<BoardElement>> ReadVersions(ElementRecord[]? records)
    {
        var versions = new List<BoardElement>();
        foreach (var elementRecord in records ?? [])
        {
            var element = ElementReader.Read(elementRecord, creditedTo: null);
            if (!element.IsValid)
            {
                return Validated<IReadOnlyList<BoardElement>>.Reject(element.Error!);
            }

            versions.Add(element.Value!);
        }

        return Validated<IReadOnlyList<BoardElement>>.Ok(versions);
    }
}
