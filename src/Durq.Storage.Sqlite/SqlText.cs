using Durq.Core.Storage;

namespace Durq.Storage.Sqlite;

/// <summary>This store's SQL: <c>Sql/*.sql</c> and <c>Migrations/*.sql</c>, embedded in its assembly.</summary>
internal static class SqlText
{
    private static readonly EmbeddedSql Sql = new(typeof(SqlText).Assembly);

    public static string Query(string name) => Sql.Query(name);

    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations() => Sql.Migrations();
}
