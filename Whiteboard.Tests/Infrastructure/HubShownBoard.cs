using System.Text.Json;
using Whiteboard.App.Hubs;
using Whiteboard.Shared.Documents;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>
/// The board as one connection was shown it: the snapshot, then each event in turn, the way a page keeps its
/// display list (an element drawn anew stays where it stands; a new one goes on top). Notes what no client
/// should ever be sent: an event out of sequence, an element started twice, points that do not follow on.
/// </summary>
public sealed class HubShownBoard
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock gate = new();
    private readonly OrderedDictionary<string, ElementRecord> elements = [];
    private readonly List<string> problems;
    private long? sequence;

    // Of the last snapshot's elements, those still to come in its parts.
    private int snapshotElementsToCome;

    public HubShownBoard(List<string> problems) => this.problems = problems;

    public static string Canonical(ElementRecord record) => JsonSerializer.Serialize(record, Json);

    /// <summary>Each element shown, in drawing order, as <see cref="Canonical(ElementRecord)"/> writes it.</summary>
    public List<string> Elements()
    {
        lock (gate)
        {
            return [.. elements.Values.Select(Canonical)];
        }
    }

    public List<string> Ids()
    {
        lock (gate)
        {
            return [.. elements.Keys];
        }
    }

    public Task ReceiveAsync(HubUpdate[] updates)
    {
        lock (gate)
        {
            foreach (var update in updates)
            {
                if (update.Kind == "snapshot")
                {
                    Note(snapshotElementsToCome == 0, $"the snapshot at {update.Sequence} came before the one at {sequence} was whole");
                    elements.Clear();
                    sequence = update.Sequence;
                    snapshotElementsToCome = update.ElementCount ?? 0;
                    TakeSnapshotPart(update);
                }
                else if (update.Kind == "snapshot-part")
                {
                    Note(update.Sequence == sequence, $"a part of the snapshot at {update.Sequence} came after the one at {sequence}");
                    TakeSnapshotPart(update);
                }
                else if (update.Kind == "events")
                {
                    Note(snapshotElementsToCome == 0, $"events came before the snapshot at {sequence} was whole");
                    foreach (var change in update.Events ?? [])
                    {
                        Note(sequence is { } last && change.Sequence == last + 1, $"event {change.Sequence} came after {sequence}");
                        sequence = change.Sequence;
                        Apply(change);
                    }
                }
            }
        }

        return Task.CompletedTask;
    }

    private void TakeSnapshotPart(HubUpdate part)
    {
        foreach (var element in part.Elements ?? [])
        {
            Note(elements.TryAdd(element.Id!, element), $"the snapshot at {part.Sequence} holds {element.Id} twice");
        }

        snapshotElementsToCome -= part.Elements?.Count ?? 0;
        Note(snapshotElementsToCome >= 0, $"the snapshot at {part.Sequence} holds more elements than it said");
    }

    private void Apply(HubEvent change)
    {
        switch (change.Change)
        {
            case "started":
                Note(elements.TryAdd(change.Id!, change.Element!), $"{change.Id} was started twice (event {change.Sequence})");
                break;
            case "extended" when elements.TryGetValue(change.Id!, out var stroke):
                Note(stroke.Points!.Length == 3 * change.From, $"{change.Id} holds {stroke.Points!.Length / 3} points and was extended from {change.From}");
                elements[change.Id!] = stroke with { Points = [.. stroke.Points!, .. change.Points!] };
                break;
            case "finished":
                Note(elements.ContainsKey(change.Id!), $"{change.Id} was finished but never started (event {change.Sequence})");
                break;
            case "drawn":
                foreach (var element in change.Elements!)
                {
                    elements[element.Id!] = element;
                }

                break;
            case "erased":
                foreach (var id in change.Ids!)
                {
                    Note(elements.Remove(id), $"{id} was erased but not on the board (event {change.Sequence})");
                }

                break;
            case "restored":
                foreach (var id in change.Ids!)
                {
                    Note(elements.Remove(id), $"{id} was erased by a restore but not on the board (event {change.Sequence})");
                }

                foreach (var element in change.Elements!)
                {
                    Note(elements.TryAdd(element.Id!, element), $"{element.Id} was restored but already on the board (event {change.Sequence})");
                }

                break;
            case "chat":
                // A chat message changes no element.
                break;
            default:
                Note(false, $"event {change.Sequence} is {change.Change} of {change.Id}, which is not on the board");
                break;
        }
    }

    private void Note(bool expected, string problem)
    {
        if (!expected)
        {
            lock (problems)
            {
                problems.Add(problem);
            }
        }
    }
}
