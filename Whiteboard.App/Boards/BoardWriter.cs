using Whiteboard.App.Storage;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Boards;

/// <summary>
/// The single writer of one board, for the whole cluster: it validates, orders and stores every change, and keeps
/// what it published for the relays (one per instance with people on the board) to follow. Its board's grain holds it
/// (<see cref="BoardGrain"/>). One turn at a time: a relay's requests, or a relay asking what is new, see a board whose
/// every applied change is stored, since each turn stores what it applied before it ends.
/// This part is the turns; what a relay is sent is in BoardWriter.Feed.cs.
/// </summary>
public sealed partial class BoardWriter
{
    /// <summary>
    /// Operations published and kept for relays that fall behind, at most, and the points of ink in them (3 MB); a relay
    /// further behind is sent the whole board. A relay asks again as soon as it has an answer: this is seconds of a
    /// busy classroom's ink.
    /// </summary>
    private const int KeptOperations = 4_096, KeptPoints = 250_000;

    /// <summary>Presence changes kept for relays that fall behind; one further behind is sent everyone.</summary>
    private const int KeptChanges = 2_000;

    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly IBoardStore store;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly SnapshotWriter snapshots;
    private readonly WriterSeats seats;
    private readonly List<StoredOperation> unsaved = [];
    private readonly DateTimeOffset loadedAt;
    private BoardRecord record;
    private BoardState state;
    private long sequence;

    /// <summary>
    /// The ink half drawn when the board was loaded, as it was then. After a failover its authors draw on, on a surviving
    /// instance or from a reloaded page that sends what it kept, and it must take the rest; what nobody drew on within
    /// the patience, or whose author is not back, will not be continued, and is finished.
    /// </summary>
    private readonly Dictionary<ElementId, BoardElement> awaited = [];

    private BoardWriter(BoardRecord record, LoadedBoard loaded, IBoardStore store, TimeProvider clock, ILogger logger, BoardRoomOptions options)
    {
        this.record = record;
        this.store = store;
        this.clock = clock;
        this.logger = logger;
        snapshots = new SnapshotWriter(record.Id, store, options.SnapshotEvery, logger);
        loadedAt = clock.GetUtcNow();
        seats = new WriterSeats(loadedAt);
        (state, sequence, snapshots.Sequence) = loaded;
        published = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public BoardId Id => record.Id;

    /// <summary>
    /// Whether the writer failed and takes no more requests: its grain goes, and the next request loads the board again
    /// from the store.
    /// </summary>
    public bool HasFailed { get; private set; }

    /// <summary>
    /// Loads the board; what was being drawn when its last writer stopped stays open for its authors to go on with
    /// (<see cref="awaited"/>). Null when the store has no such board.
    /// </summary>
    public static async Task<BoardWriter?> LoadAsync(
        BoardId id, IBoardStore store, TimeProvider clock, ILogger logger, BoardRoomOptions options, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } record)
        {
            return null;
        }

        var writer = new BoardWriter(record, await LoadedBoard.LoadAsync(id, store, cancellationToken), store, clock, logger, options);
        foreach (var open in writer.state.OpenElements())
        {
            writer.awaited.Add(open.Id, open);
        }

        writer.Publish();
        return writer;
    }

    /// <summary>A relay's requests, handled in order in one turn; answered once what they changed is stored.</summary>
    public async Task<RelayAnswers> AskAsync(string relay, IReadOnlyList<RelayRequest> requests)
    {
        // Before the turn: reading a moment from the history holds up neither this board's turns nor anyone else's.
        var moments = await ReadMomentsAsync(relay, requests);
        await turn.WaitAsync();
        try
        {
            ThrowIfFailed();
            Heard(relay);
            var answers = new RelayAnswer[requests.Count];
            List<int> submissions = [];
            for (var i = 0; i < requests.Count; i++)
            {
                if (requests[i] is RenameBoardRequest or ReplaceEditKeyRequest)
                {
                    // A record change is stored on its own: what was applied before it is stored first.
                    if (await SaveAsync() is { } failed)
                    {
                        Refuse(answers, submissions, failed);
                    }

                    answers[i] = await UpdateRecordAsync(relay, requests[i]);
                    continue;
                }

                answers[i] = Handle(relay, requests[i], moments.For(i));
                if (requests[i] is SubmitRequest && answers[i].Rejection is null)
                {
                    submissions.Add(i);
                }
            }

            if (await SaveAsync() is { } notSaved)
            {
                Refuse(answers, submissions, notSaved);
            }

            Publish();
            return new RelayAnswers(answers, Cursor);
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>A relay that is gone (its instance unloaded the board): its seats are given back.</summary>
    public Task ForgetRelayAsync(string relay) => LetGoInTurnAsync(() => Forget(relay));

    /// <summary>
    /// Lets go of whoever has been absent for <paramref name="patience"/>: gives back the seats of relays not heard from
    /// (their instance died, or lost the cluster), so that nobody stays listed who is not there (a relay waiting for
    /// news is heard from); and finishes the ink left half drawn at the load by people who did not come back.
    /// </summary>
    public Task ForgetTheAbsentAsync(TimeSpan patience) => LetGoInTurnAsync(() =>
    {
        var absentSince = clock.GetUtcNow() - patience;
        foreach (var (relay, heard) in relays.Where(pair => pair.Value.Listening == 0 && pair.Value.LastHeard < absentSince).ToList())
        {
            LogRelayForgotten(logger, Id, relay, heard.LastHeard);
            Forget(relay);
        }

        if (loadedAt < absentSince)
        {
            FinishAwaitedInk();
        }
    });

    /// <summary>In one turn, lets go of someone, and stores and publishes what that changed.</summary>
    private async Task LetGoInTurnAsync(Action letGo)
    {
        await turn.WaitAsync();
        try
        {
            letGo();
            await SaveAsync();
            Publish();
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>Whether its grain should go: no relay follows the board any more, or the writer failed.</summary>
    public bool IsDone => relays.Count == 0 || HasFailed;

    /// <summary>
    /// Writes the board down whole, if it changed since it last was: the writer is going. With nobody following the
    /// board, nobody can go on with ink still waiting for its author, and it is finished first; a writer going while
    /// relays follow (its instance stops) leaves it for the next writer.
    /// </summary>
    public async Task StopAsync()
    {
        await turn.WaitAsync();
        try
        {
            if (relays.Count == 0)
            {
                FinishAwaitedInk();
                await SaveAsync();
            }

            await snapshots.WriteAsync(sequence, state, evenIfRecent: true);
            await snapshots.ObserveAsync();
        }
        finally
        {
            turn.Release();
        }
    }

    private void ThrowIfFailed()
    {
        if (HasFailed)
        {
            throw new InvalidOperationException($"The writer of board {Id} failed; the board loads again.");
        }
    }

    /// <summary>Handles one request; <paramref name="restoring"/> is the moment its restore names, if it holds one, as read before the turn.</summary>
    private RelayAnswer Handle(string relay, RelayRequest request, Validated<IReadOnlyList<BoardElement>> restoring)
    {
        if (request is JoinRequest join)
        {
            if (!BoardKey.TryParse(join.Key, out var key) || record.AccessFor(key) == BoardAccess.None)
            {
                return new RelayAnswer();
            }

            var participant = ParticipantId.Restore(join.Participant);
            if (seats.Find(join.PreviousSeat) is { } already && already.Relay == relay && already.Participant == participant)
            {
                // Seated again by a room that could not tell whether its last call reached this writer.
                return new RelayAnswer(Seat: already.Seat.Number);
            }

            var seat = seats.Add(relay, participant, key, join.Name, join.Connected, join.PreviousSeat);
            return new RelayAnswer(Seat: seat.Seat.Number);
        }

        var seatNumber = request switch
        {
            LeaveRequest leave => leave.Seat,
            SubmitRequest submit => submit.Seat,
            RenameParticipantRequest rename => rename.Seat,
            SetConnectedRequest connected => connected.Seat,
            MovePointerRequest move => move.Seat,
            _ => throw new ArgumentException($"No request is {request.GetType().Name}.", nameof(request)),
        };
        if (seats.Find(seatNumber) is not { } from || from.Relay != relay)
        {
            return new RelayAnswer(NotOnBoard);
        }

        switch (request)
        {
            case LeaveRequest:
                Leave(from);
                break;
            case SubmitRequest submit:
                return new RelayAnswer(Submit(from, submit.Operations, restoring));
            case RenameParticipantRequest rename:
                seats.Change(from, from.Seat with { Name = rename.Name });
                break;
            case SetConnectedRequest connected:
                seats.Change(from, from.Seat with { IsConnected = connected.Connected });
                break;
            case MovePointerRequest move:
                // Presenting is for those who may edit: a viewer's laser is shown as the pointer it is.
                seats.MovePointer(from, move.Pointer.Laser && RefuseUnlessEditor(from) is not null ? move.Pointer with { Laser = false } : move.Pointer);
                break;
        }

        return new RelayAnswer();
    }

    /// <summary>The refusal of a request from a seat this writer does not know (a relay sees it after the writer restarted).</summary>
    public const string NotOnBoard = "You are not on this board.";

    private string? Submit(WriterSeat from, IReadOnlyList<BoardMessage> messages, Validated<IReadOnlyList<BoardElement>> restoring)
    {
        var parsed = MessageValidator.Parse(messages);
        if (!parsed.IsValid)
        {
            return RefuseUnlessEditor(from) ?? parsed.Error;
        }

        // Viewers may chat (a class asks questions); everything else needs the edit link. A chat message is stamped
        // here with its author as seated and the time, and stored so: replaying it needs no seat.
        if (parsed.Value!.Any(operation => operation is not PostChat) && RefuseUnlessEditor(from) is { } refused)
        {
            return refused;
        }

        // A restore is given the moment's elements as this writer read them, whatever the message said.
        if (parsed.Value!.Any(operation => operation is RestoreMoment) && !restoring.IsValid)
        {
            return restoring.Error;
        }

        var operations = parsed.Value!
            .Select(operation => operation switch
            {
                PostChat chat => chat with { Stamp = new ChatStamp(from.Seat.Name, from.Seat.Color, clock.GetUtcNow()) },
                RestoreMoment restore => restore with { Moment = restoring.Value },
                _ => operation,
            })
            .ToList();
        var rejection = Apply(from.Participant, operations, new SeatedAuthor(from.Seat.Name, from.Seat.Color));
        if (rejection is null)
        {
            seats.MoveWithInk(from, operations);
        }

        // Someone is drawing from their first point to their last: the stream's latest operation says which.
        if (operations.LastOrDefault(operation => operation is BeginStroke or ExtendStroke or FinishElement or DrawShape) is { } latest)
        {
            seats.Change(from, from.Seat with
            {
                IsDrawing = rejection is null && latest is BeginStroke or ExtendStroke or DrawShape { IsFinished: false },
            });
        }

        return rejection;
    }

    /// <summary>
    /// Applies operations and queues what changed for storing and publishing, with their author as seated (for the
    /// history; none for what is done for someone who left); the first reason one was refused, if any.
    /// </summary>
    private string? Apply(ParticipantId author, IReadOnlyList<BoardOperation> operations, SeatedAuthor? seated = null)
    {
        string? rejection = null;
        foreach (var operation in operations)
        {
            var outcome = state.Apply(author, operation);
            if (outcome.IsRejected)
            {
                rejection ??= outcome.Rejection;
            }
            else if (outcome.Change is not null)
            {
                unsaved.Add(new StoredOperation(++sequence, author, operation, seated));
            }
        }

        return rejection;
    }

    private string? RefuseUnlessEditor(WriterSeat from) => record.AccessFor(from.Key) switch
    {
        BoardAccess.Edit => null,
        BoardAccess.View => "This is a view-only link: you can watch this board but not change it.",
        _ => "The edit link you came in by was replaced: ask for the new link to change this board.",
    };

    private void Leave(WriterSeat seat)
    {
        seats.Remove(seat);
        // The same person may still be here in another tab of their browser, drawing, perhaps on another instance.
        if (!seats.Contains(seat.Participant))
        {
            Apply(seat.Participant, FinishOpenElements(state, seat.Participant));
        }
    }

    private void Forget(string relay)
    {
        foreach (var seat in seats.All.Where(seat => seat.Relay == relay).ToList())
        {
            Leave(seat);
        }

        relays.Remove(relay);
    }

    /// <summary>
    /// Finishes the awaited ink nobody drew on since the load (a reloaded page sends the rest of a stroke it kept as a new
    /// one), and that of authors not back; ink its author is drawing on is theirs to finish, by drawing or by leaving.
    /// </summary>
    private void FinishAwaitedInk()
    {
        foreach (var open in state.OpenElements().Where(open => awaited.TryGetValue(open.Id, out var atLoad)
            && (ReferenceEquals(open, atLoad) || !seats.Contains(open.Author))))
        {
            Apply(open.Author, [new FinishElement(open.Id)]);
        }

        awaited.Clear();
    }

    private static List<BoardOperation> FinishOpenElements(BoardState state, ParticipantId author) =>
        [.. state.OpenElements().Where(element => element.Author == author).Select(element => new FinishElement(element.Id))];

    /// <summary>Stores what was applied; null when it is stored, otherwise why not (the board is then back to what the store holds).</summary>
    private async Task<string?> SaveAsync()
    {
        if (unsaved.Count == 0)
        {
            return null;
        }

        var changed = clock.GetUtcNow();
        try
        {
            await store.AppendAsync(Id, unsaved, changed, CancellationToken.None);
        }
        catch (PostgreSqlWriterConflictException conflict)
        {
            // Another writer of this board (a second activation, for a moment) stored first: this one stops, and the
            // next request finds the board loaded anew from the store, with that writer's work.
            LogWriterReplaced(logger, conflict, Id);
            unsaved.Clear();
            HasFailed = true;
            return "This change was not saved: the board was changed elsewhere at the same moment. Try again.";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Nothing unsaved may be acknowledged or shown: go back to what the store holds.
            var problem = StoreFailure.Describe(exception);
            LogSaveFailed(logger, exception, Id, unsaved.Count, problem);
            unsaved.Clear();
            try
            {
                (state, sequence, snapshots.Sequence) = await LoadedBoard.LoadAsync(Id, store, CancellationToken.None);
            }
            catch
            {
                // The board in memory holds what was not stored, and cannot be brought back: this writer takes no more.
                HasFailed = true;
                throw;
            }

            return $"This change was not saved. {problem}";
        }

        record = record with { Changed = changed };
        recordVersion++;
        Keep(unsaved);
        unsaved.Clear();
        await snapshots.WriteAsync(sequence, state, evenIfRecent: false);
        return null;
    }

    private static void Refuse(RelayAnswer[] answers, List<int> submissions, string reason)
    {
        foreach (var i in submissions)
        {
            answers[i] = new RelayAnswer(reason);
        }

        submissions.Clear();
    }

    /// <summary>Keeps a new name or edit key, after checking the asker may change them.</summary>
    private async Task<RelayAnswer> UpdateRecordAsync(string relay, RelayRequest request)
    {
        var (seatNumber, change) = request switch
        {
            RenameBoardRequest rename => (rename.Seat, Rename(rename.Name)),
            ReplaceEditKeyRequest replace => (replace.Seat, ReplaceEditKey(replace.Key)),
            _ => throw new ArgumentException($"{request.GetType().Name} does not change the record.", nameof(request)),
        };
        if (seats.Find(seatNumber) is not { } from || from.Relay != relay)
        {
            return new RelayAnswer(NotOnBoard);
        }

        if ((RefuseUnlessEditor(from) ?? change.Error) is { } refused)
        {
            return new RelayAnswer(refused);
        }

        var updated = change.Value!;
        try
        {
            await store.UpdateAsync(updated, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var problem = StoreFailure.Describe(exception);
            LogUpdateFailed(logger, exception, Id, problem);
            return new RelayAnswer($"This change was not saved. {problem}");
        }

        if (updated.EditKey != record.EditKey)
        {
            from.Key = updated.EditKey;
        }

        record = updated;
        recordVersion++;
        return new RelayAnswer();
    }

    private Validated<BoardRecord> Rename(string name)
    {
        var parsed = BoardName.Parse(name);
        return parsed.IsValid ? Validated<BoardRecord>.Ok(record with { Name = parsed.Value!, Changed = clock.GetUtcNow() }) : Validated<BoardRecord>.Reject(parsed.Error!);
    }

    private Validated<BoardRecord> ReplaceEditKey(string key) =>
        BoardKey.TryParse(key, out var parsed) ? Validated<BoardRecord>.Ok(record with { EditKey = parsed }) : Validated<BoardRecord>.Reject("That is not a key.");

    [LoggerMessage(Level = LogLevel.Error, Message = "Board {Board}: {Count} operations could not be saved and were refused: {Problem}")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, BoardId board, int count, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Board {Board}: a new name or edit key could not be saved and was refused: {Problem}")]
    private static partial void LogUpdateFailed(ILogger logger, Exception exception, BoardId board, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board {Board}: another writer of the board stored first; this one stops")]
    private static partial void LogWriterReplaced(ILogger logger, Exception exception, BoardId board);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board {Board}: the relay {Relay}, silent since {Since}, was let go with its seats")]
    private static partial void LogRelayForgotten(ILogger logger, BoardId board, string relay, DateTimeOffset since);
}
