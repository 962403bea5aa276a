using Durq.Core.Errors;
using Durq.Core.Keys;
using Durq.Core.Storage;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>Stores a new API key.</summary>
internal sealed class CreateApiKeyWrite(ApiKey key, CancellationToken cancellationToken) : Write<ApiKey>(cancellationToken)
{
    protected override async ValueTask<ApiKey> RunAsync(WriteContext context)
    {
        await context.Sql.InsertApiKeyAsync(key);
        return key;
    }
}

/// <summary>Revokes one of a tenant's keys; revoking it again changes nothing and answers the key, first revocation's time kept.</summary>
internal sealed class RevokeApiKeyWrite(RevokeApiKeyParams request, CancellationToken cancellationToken) : Write<ApiKey>(cancellationToken)
{
    protected override async ValueTask<ApiKey> RunAsync(WriteContext context) =>
        await context.Sql.RevokeApiKeyAsync(request)
        ?? await context.Sql.GetApiKeyAsync(request.Tenant, request.KeyId)
        ?? throw new NotFoundException("API key", request.KeyId);
}
