using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Whiteboard.App.Storage;

/// <summary>
/// The Data Protection key ring kept in the PostgreSQL store's database (table <c>data_protection_keys</c>), so that
/// every instance of a cluster reads the same keys: a participant token or an antiforgery token one instance made is
/// honoured by all. Data Protection asks synchronously, rarely (at start, then about once a day), so this does too.
/// The table is made by the store's schema, which the start-up check prepares before any hosted service starts.
/// </summary>
public sealed class PostgreSqlKeyRing(string connectionString) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys", connection);
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }

        return keys;
    }

    /// <summary>Keeps a new key; a name already kept (the same key, written again) is left as it is.</summary>
    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("INSERT INTO data_protection_keys (name, xml) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", connection)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = friendlyName },
                new NpgsqlParameter<string> { TypedValue = element.ToString(SaveOptions.DisableFormatting) },
            },
        };
        command.ExecuteNonQuery();
    }
}
