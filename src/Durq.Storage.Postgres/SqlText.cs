using System.Collections.Concurrent;
using System.Reflection;

namespace Durq.Storage.Postgres;

/// <summary>The store's SQL, kept in <c>Sql/*.sql</c> and <c>Migrations/*.sql</c> as embedded resources.</summary>
internal static class SqlText
{
    private static readonly Assembly Assembly = typeof(SqlText).Assembly;
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>The text of <c>Sql/{name}.sql</c>.</summary>
    public static string Query(string name) => Cache.GetOrAdd($"Sql/{name}.sql", Load);

    /// <summary>Every migration as (version, name, sql), in version order; file names start with the version number.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations() =>
    [
        .. Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Migrations/", StringComparison.Ordinal))
            .Select(n => n["Migrations/".Length..^".sql".Length])
            .Select(name => (Version: int.Parse(name[..name.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture),
                Name: name, Sql: Load($"Migrations/{name}.sql")))
            .OrderBy(m => m.Version),
    ];

    private static string Load(string resource)
    {
        using var stream = Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded SQL '{resource}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
