using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.State;

/// <summary>One participant's undo and redo stacks, and the edit ids they already sent (so a retry applies once).</summary>
internal sealed class ParticipantHistory
{
    /// <summary>Recent edit ids remembered per participant: far more than a reconnecting client resends.</summary>
    private const int RememberedOperations = 4096;

    private readonly LinkedList<HistoryStep> undo = new();
    private readonly Stack<HistoryStep> redo = new();
    private readonly HashSet<OperationId> seen = [];
    private readonly Queue<OperationId> seenOrder = new();

    public bool CanUndo => undo.Count > 0;

    public bool CanRedo => redo.Count > 0;

    public bool HasSeen(OperationId op) => seen.Contains(op);

    /// <summary>Remembers an applied edit's id, forgetting the oldest beyond what a reconnecting client could resend.</summary>
    public void Remember(OperationId op)
    {
        seen.Add(op);
        seenOrder.Enqueue(op);
        if (seenOrder.Count > RememberedOperations)
        {
            seen.Remove(seenOrder.Dequeue());
        }
    }

    /// <summary>Something new was done: it can be undone, and what was undone before can no longer be redone.</summary>
    public void Did(HistoryStep step)
    {
        redo.Clear();
        PushUndo(step);
    }

    public HistoryStep PopUndo()
    {
        var step = undo.Last!.Value;
        undo.RemoveLast();
        return step;
    }

    public void PushUndo(HistoryStep step)
    {
        undo.AddLast(step);
        if (undo.Count > BoardLimits.MaxUndoSteps)
        {
            undo.RemoveFirst();
        }
    }

    public HistoryStep PopRedo() => redo.Pop();

    /// <summary>The step <see cref="PopUndo"/> would take; only when <see cref="CanUndo"/>.</summary>
    public HistoryStep NextUndo => undo.Last!.Value;

    /// <summary>The step <see cref="PopRedo"/> would take; only when <see cref="CanRedo"/>.</summary>
    public HistoryStep NextRedo => redo.Peek();

    public void PushRedo(HistoryStep step) => redo.Push(step);

    /// <summary>The undo steps, oldest first.</summary>
    public IEnumerable<HistoryStep> UndoSteps => undo;

    /// <summary>The redo steps, oldest (deepest) first.</summary>
    public IEnumerable<HistoryStep> RedoSteps => redo.Reverse();

    /// <summary>The remembered edit ids, oldest first.</summary>
    public IEnumerable<OperationId> SeenOperations => seenOrder;
}
