using Durq.Core.Keys;

namespace Durq.Core.Storage;

/// <summary>
/// Where API keys are kept: beside the tasks, in the same database, so every node of a cluster knows the same keys.
/// The keys of all tenants are read together (<see cref="ListApiKeysAsync"/> with no tenant) by the server's key
/// directory and the operator's <c>durq keys list</c>; everything else works within one tenant.
/// </summary>
internal interface IApiKeyStore
{
    /// <summary>Creates the schema or brings it up to date. Safe to call on every start.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new key; it is durable when this returns.</summary>
    Task CreateApiKeyAsync(ApiKey key, CancellationToken cancellationToken);

    /// <summary>The tenant's keys (every tenant's when <paramref name="tenant"/> is null), revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(string? tenant, CancellationToken cancellationToken);

    /// <summary>
    /// Revokes the key (a second revoke keeps the first time) and returns it; throws <see cref="Errors.NotFoundException"/>
    /// when the tenant has no key with that id.
    /// </summary>
    Task<ApiKey> RevokeApiKeyAsync(RevokeApiKeyParams request, CancellationToken cancellationToken);
}

/// <summary>A request to revoke one of the tenant's keys.</summary>
internal sealed record RevokeApiKeyParams(string Tenant, string KeyId, DateTimeOffset Now);
