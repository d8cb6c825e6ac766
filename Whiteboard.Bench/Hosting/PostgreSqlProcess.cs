using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace Whiteboard.Bench.Hosting;

/// <summary>
/// A private PostgreSQL server: a cluster made in a temp folder, listening on a free loopback port, stopped and removed
/// when disposed; a database of its own for each caller that names one. Debian's server refuses to run as root, so
/// under root it runs as the <c>postgres</c> user, which owns the folder.
/// </summary>
public class PostgreSqlProcess : IAsyncDisposable
{
    private const string RunAs = "postgres";

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> databases = new();
    private string folder = "";
    private string binaries = "";
    private int port;
    private bool started;

    /// <summary>The connection string of the database named <paramref name="name"/>, made on first use.</summary>
    public Task<string> DatabaseAsync(string name) =>
        databases.GetOrAdd(name.ToLowerInvariant(), database => new Lazy<Task<string>>(() => CreateDatabaseAsync(database))).Value;

    /// <summary>The server's first process (postmaster), which starts one more for each connection; once started.</summary>
    public int ProcessId =>
        int.Parse(File.ReadLines(Path.Combine(folder, "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    /// <summary>Makes the server's folder and starts it; once.</summary>
    public async Task StartAsync()
    {
        binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb"))).Order(StringComparer.Ordinal).LastOrDefault() ?? ""
            : "";
        if (binaries.Length == 0)
        {
            throw new InvalidOperationException(
                "PostgreSQL's server is not installed (no /usr/lib/postgresql/*/bin/initdb): run ./test.sh, which installs it.");
        }

        folder = Directory.CreateTempSubdirectory("whiteboard-postgres-").FullName;
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", [$"{RunAs}:{RunAs}", folder]);
        }

        var data = Path.Combine(folder, "data");
        await RunServerToolAsync("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync", "--no-instructions"]);
        port = ChildProcess.FreeLoopbackPort();
        // No fsync: nothing here outlives the server's process, only the store's own connections. Room for the pools of
        // several instances at once (Npgsql's default is 100 connections each).
        await RunServerToolAsync("pg_ctl",
        [
            "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c max_connections=400", "start",
        ]);
        started = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (started)
        {
            await RunServerToolAsync("pg_ctl", ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"]);
        }

        if (folder.Length > 0)
        {
            Directory.Delete(folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = database }.ConnectionString;

    private async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Runs one of the server's programs in the server's folder, which its user may enter.</summary>
    private Task RunServerToolAsync(string tool, string[] arguments) =>
        Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", RunAs, "--", Path.Combine(binaries, tool), .. arguments], folder)
            : RunAsync(Path.Combine(binaries, tool), arguments, folder);

    private static async Task RunAsync(string program, string[] arguments, string? workingDirectory = null)
    {
        var (exitCode, output) = await ChildProcess.RunAsync(
            program, arguments, new Dictionary<string, string>(), workingDirectory, TimeSpan.FromMinutes(1));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({exitCode}): {output}");
        }
    }
}
