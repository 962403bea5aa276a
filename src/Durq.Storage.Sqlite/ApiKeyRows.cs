using Durq.Core.Keys;
using Microsoft.Data.Sqlite;

namespace Durq.Storage.Sqlite;

/// <summary>Reads <c>durq_api_keys</c> rows.</summary>
internal static class ApiKeyRows
{
    public static List<ApiKey> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var keys = new List<ApiKey>();
        while (reader.Read())
        {
            keys.Add(new ApiKey
            {
                Id = reader.GetString(reader.GetOrdinal("id")),
                Tenant = reader.GetString(reader.GetOrdinal("tenant")),
                Name = reader.IsDBNull(reader.GetOrdinal("name")) ? null : reader.GetString(reader.GetOrdinal("name")),
                Scopes = reader.GetString(reader.GetOrdinal("scopes")).Split(','),
                SecretHash = (byte[])reader["secret_hash"],
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(reader.GetOrdinal("created_at"))),
                ExpiresAt = Time(reader, "expires_at"),
                RevokedAt = Time(reader, "revoked_at"),
            });
        }

        return keys;
    }

    private static DateTimeOffset? Time(SqliteDataReader row, string column)
    {
        var ordinal = row.GetOrdinal(column);
        return row.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(ordinal));
    }
}
