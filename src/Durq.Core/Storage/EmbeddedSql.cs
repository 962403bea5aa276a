using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;

namespace Durq.Core.Storage;

/// <summary>
/// A store's SQL, kept beside it as <c>Sql/{name}.sql</c> and numbered <c>Migrations/{version}_{name}.sql</c> embedded
/// resources (the store's project embeds them under those logical names).
/// </summary>
internal sealed class EmbeddedSql(Assembly assembly)
{
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    /// <summary>The text of <c>Sql/{name}.sql</c>.</summary>
    public string Query(string name) => _cache.GetOrAdd($"Sql/{name}.sql", Load);

    /// <summary>Every migration as (version, name, sql), in version order; file names start with the version number.</summary>
    public IReadOnlyList<(int Version, string Name, string Sql)> Migrations() =>
    [
        .. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Migrations/", StringComparison.Ordinal))
            .Select(n => n["Migrations/".Length..^".sql".Length])
            .Select(name => (
                Version: int.Parse(name[..name.IndexOf('_', StringComparison.Ordinal)], CultureInfo.InvariantCulture),
                Name: name,
                Sql: Load($"Migrations/{name}.sql")))
            .OrderBy(m => m.Version),
    ];

    private string Load(string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded SQL '{resource}' is missing from the build of {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
