using Microsoft.Data.Sqlite;
using Whiteboard.App.Storage;

namespace Whiteboard.Tests.Unit;

/// <summary>What people are told of a store failure is the plain reason, never the exception's own words (paths, SQL).</summary>
public sealed class StoreFailureTextTests
{
    private const string Secret = "/srv/whiteboard/secret-folder/whiteboard.db";

    public static TheoryData<Exception, string> Failures => new()
    {
        { new IOException($"Not a directory : '{Secret}'"), "The data folder cannot be used" },
        { new UnauthorizedAccessException($"Access to the path '{Secret}' is denied."), "The data folder cannot be used" },
        { new SqliteException($"SQLite Error 10: 'disk I/O error' on {Secret}", 10), "The database failed (SQLite error 10)" },
        { new SqliteException($"SQLite Error 13: 'database or disk is full' on {Secret}", 13), "The disk is full" },
        { new InvalidOperationException($"Something broke at {Secret}"), "The board store failed" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_is_described_by_its_kind_without_its_message(Exception failure, string reason)
    {
        var described = StoreFailure.Describe(failure);

        Assert.StartsWith(reason, described, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-folder", described, StringComparison.Ordinal);
    }
}
