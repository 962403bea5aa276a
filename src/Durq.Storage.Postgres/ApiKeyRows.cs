using Durq.Core.Keys;
using Npgsql;

namespace Durq.Storage.Postgres;

/// <summary>Reads <c>durq_api_keys</c> rows.</summary>
internal static class ApiKeyRows
{
    public static async Task<List<ApiKey>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken = default)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKey
            {
                Id = reader.GetString(reader.GetOrdinal("id")),
                Tenant = reader.GetString(reader.GetOrdinal("tenant")),
                Name = TaskRows.Text(reader, "name"),
                Scopes = reader.GetFieldValue<string[]>(reader.GetOrdinal("scopes")),
                SecretHash = reader.GetFieldValue<byte[]>(reader.GetOrdinal("secret_hash")),
                CreatedAt = TaskRows.Time(reader, "created_at")!.Value,
                ExpiresAt = TaskRows.Time(reader, "expires_at"),
                RevokedAt = TaskRows.Time(reader, "revoked_at"),
            });
        }

        return keys;
    }
}
