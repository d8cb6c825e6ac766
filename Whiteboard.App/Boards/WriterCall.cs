namespace Whiteboard.App.Boards;

/// <summary>
/// The requests of one turn of a room, sent to the board's writer in one call, and what to do with each answer:
/// at once when it comes (<c>answered</c>), once the room's copy shows it (<c>hand</c>), or when the call fails.
/// A turn's pointer moves go as one per seat, the latest.
/// </summary>
internal sealed class WriterCall
{
    private readonly List<RelayRequest> requests = [];
    private readonly List<Reply> replies = [];
    private readonly Dictionary<int, int> pointerAt = [];

    public int Count => requests.Count;

    public IReadOnlyList<RelayRequest> Requests() => requests;

    public void Add(RelayRequest request, Action<RelayAnswer> hand, Action fail, Action<RelayAnswer>? answered = null)
    {
        requests.Add(request);
        replies.Add(new Reply(hand, fail, answered));
    }

    public void MovePointer(int seat, Pointer pointer)
    {
        if (pointerAt.TryGetValue(seat, out var at))
        {
            requests[at] = new MovePointerRequest(seat, pointer);
            return;
        }

        pointerAt[seat] = requests.Count;
        Add(new MovePointerRequest(seat, pointer), Ignore, () => { });
    }

    /// <summary>The answers have come: what must happen at once happens.</summary>
    public void Answered(IReadOnlyList<RelayAnswer> answers)
    {
        CheckCount(answers);
        for (var i = 0; i < replies.Count; i++)
        {
            replies[i].Answered?.Invoke(answers[i]);
        }
    }

    /// <summary>The room's copy shows what the answers answer: each is handed to its asker.</summary>
    public void Hand(IReadOnlyList<RelayAnswer> answers)
    {
        for (var i = 0; i < replies.Count; i++)
        {
            replies[i].Hand(answers[i]);
        }
    }

    public void Fail()
    {
        foreach (var reply in replies)
        {
            reply.Fail();
        }
    }

    private void CheckCount(IReadOnlyList<RelayAnswer> answers)
    {
        if (answers.Count != replies.Count)
        {
            throw new InvalidDataException($"The board's writer answered {answers.Count} requests of {replies.Count}.");
        }
    }

    private static void Ignore(RelayAnswer answer)
    {
    }

    private sealed record Reply(Action<RelayAnswer> Hand, Action Fail, Action<RelayAnswer>? Answered);
}
