using System.Data.Common;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Storage;

/// <summary>A store's rows read back, the same for SQLite and PostgreSQL: a damaged row is refused, never loaded.</summary>
internal static class StoredRows
{
    /// <summary>A board from a row whose first four columns are its id, name, edit key and view key.</summary>
    public static BoardRecord Board(DbDataReader row, DateTimeOffset changed)
    {
        if (!BoardId.TryParse(row.GetString(0), out var id) || !BoardKey.TryParse(row.GetString(2), out var edit)
            || !BoardKey.TryParse(row.GetString(3), out var view))
        {
            throw new InvalidDataException($"The stored board {row.GetString(0)} is damaged: its id or keys are not valid.");
        }

        return new BoardRecord(id, row.GetString(1), edit, view, changed);
    }

    /// <summary>An operation as a store keeps it (its message's JSON), read back under the rules of drawing.</summary>
    public static StoredOperation Operation(BoardId board, long sequence, string author, byte[] message, SeatedAuthor? seated)
    {
        var damaged = $"Board {board}: stored operation {sequence} is damaged.";
        var stored = StoredJson.Deserialize<BoardMessage>(message, damaged);
        // Text stored before noncharacters were refused (issue 21) keeps the board openable, those characters replaced.
        var parsed = MessageValidator.Parse([stored with { Text = MessageValidator.WithNoncharactersReplaced(stored.Text) }]);
        return parsed.IsValid
            ? new StoredOperation(sequence, ParticipantId.Restore(author), parsed.Value![0], seated)
            : throw new InvalidDataException($"{damaged} {parsed.Error}");
    }

    /// <summary>An operation's author as seated, from its row's name and color columns at <paramref name="column"/>; null in rows from before they were kept.</summary>
    public static SeatedAuthor? Seated(DbDataReader row, int column) =>
        row.IsDBNull(column) || row.IsDBNull(column + 1) ? null : new SeatedAuthor(row.GetString(column), row.GetString(column + 1));
}
