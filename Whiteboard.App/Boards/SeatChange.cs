using System.Collections.Immutable;

namespace Whiteboard.App.Boards;

/// <summary>
/// What changed about one seat in one turn of a room, all of its changes in that turn as one: "joined" and
/// "changed" (renamed, started or stopped drawing, lost or got back the connection) carry the
/// <paramref name="Person"/> as they are now; "left" carries only the seat's <paramref name="Number"/>.
/// </summary>
public sealed record SeatChange(string Change, int Number, Seat? Person = null)
{
    public static SeatChange Joined(Seat person) => new("joined", person.Number, person);

    public static SeatChange Changed(Seat person) => new("changed", person.Number, person);

    public static SeatChange Left(int number) => new("left", number);

    /// <summary>
    /// Everyone on the board once <paramref name="changes"/> are made to <paramref name="people"/> (in seat
    /// order, as they came). A joined seat already there (a snapshot taken in the same turn has it) is
    /// replaced, and a seat that left and is not there is no change: a snapshot and the changes of its turn
    /// agree whichever way they overlap.
    /// </summary>
    public static ImmutableList<Seat> Apply(ImmutableList<Seat> people, IEnumerable<SeatChange> changes)
    {
        foreach (var change in changes)
        {
            var at = IndexOf(people, change.Number);
            people = (change.Person, at) switch
            {
                (null, >= 0) => people.RemoveAt(at),
                (null, _) => people,
                ({ } person, >= 0) => people.SetItem(at, person),
                ({ } person, _) => people.Insert(~at, person),
            };
        }

        return people;
    }

    /// <summary>Where the seat is in a list in seat order; the complement of where it would go when it is not there.</summary>
    private static int IndexOf(ImmutableList<Seat> people, int number)
    {
        var (low, high) = (0, people.Count - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var found = people[middle].Number;
            if (found == number)
            {
                return middle;
            }

            (low, high) = found < number ? (middle + 1, high) : (low, middle - 1);
        }

        return ~low;
    }
}
