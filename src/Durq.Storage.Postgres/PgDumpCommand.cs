using Npgsql;

namespace Durq.Storage.Postgres;

/// <summary>
/// What <c>durq backup</c> says on PostgreSQL: the database is backed up with its own tools, and this is the
/// <c>pg_dump</c> command for the one in the connection string. The password is never written out: pg_dump reads it
/// from <c>PGPASSWORD</c> or <c>~/.pgpass</c>.
/// </summary>
internal static class PgDumpCommand
{
    public static string For(string connectionString, string file)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var words = new List<string> { "pg_dump", "--format=custom", "--file=" + Quote(file) };
        Add(words, "--host", connection.Host);
        Add(words, "--port", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(words, "--username", connection.Username);
        // Durq's tables are in the first schema of the search path when one is given.
        Add(words, "--schema", connection.SearchPath?.Split(',')[0].Trim());
        Add(words, "--dbname", connection.Database);
        return string.Join(' ', words);
    }

    private static void Add(List<string> words, string flag, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            words.Add(flag + "=" + Quote(value));
        }
    }

    /// <summary>Single-quoted for a POSIX shell when it holds anything but plain characters.</summary>
    private static string Quote(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/' or ':' or ',')
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
