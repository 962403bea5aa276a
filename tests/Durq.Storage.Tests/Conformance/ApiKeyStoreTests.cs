using Durq.Core.Errors;
using Durq.Core.Keys;
using Durq.Core.Storage;

namespace Durq.Storage.Tests.Conformance;

/// <summary>API keys as the store keeps them: the hash and never the secret, revocation once, and each tenant's own.</summary>
public abstract class ApiKeyStoreTests : StoreTests
{
    private IApiKeyStore Keys => (IApiKeyStore)Store;

    [Fact]
    public async Task A_key_comes_back_as_stored_with_its_hash_scopes_and_times()
    {
        var key = NewKey(TenantA, expiresAt: Now.AddDays(90));
        await Keys.CreateApiKeyAsync(key, CancellationToken.None);

        var stored = Assert.Single(await Keys.ListApiKeysAsync(TenantA, CancellationToken.None));

        Assert.Equal(key.Id, stored.Id);
        Assert.Equal(key.Name, stored.Name);
        Assert.Equal(key.Scopes, stored.Scopes);
        Assert.Equal(key.SecretHash, stored.SecretHash);
        Assert.Equal(Now, stored.CreatedAt);
        Assert.Equal(Now.AddDays(90), stored.ExpiresAt);
        Assert.Null(stored.RevokedAt);
    }

    [Fact]
    public async Task Keys_are_listed_per_tenant_or_all_together_oldest_first()
    {
        var first = NewKey(TenantA);
        var second = NewKey(TenantB) with { CreatedAt = Now.AddSeconds(1) };
        await Keys.CreateApiKeyAsync(second, CancellationToken.None);
        await Keys.CreateApiKeyAsync(first, CancellationToken.None);

        Assert.Equal([first.Id], (await Keys.ListApiKeysAsync(TenantA, CancellationToken.None)).Select(k => k.Id));
        Assert.Equal([first.Id, second.Id], (await Keys.ListApiKeysAsync(null, CancellationToken.None)).Select(k => k.Id));
    }

    [Fact]
    public async Task Revoking_keeps_the_first_time_and_another_tenant_cannot_revoke()
    {
        var key = NewKey(TenantA);
        await Keys.CreateApiKeyAsync(key, CancellationToken.None);

        await Assert.ThrowsAsync<NotFoundException>(() => Keys.RevokeApiKeyAsync(new RevokeApiKeyParams(TenantB, key.Id, Now), CancellationToken.None));
        Assert.Null(Assert.Single(await Keys.ListApiKeysAsync(TenantA, CancellationToken.None)).RevokedAt);

        var revoked = await Keys.RevokeApiKeyAsync(new RevokeApiKeyParams(TenantA, key.Id, Now.AddMinutes(1)), CancellationToken.None);
        var again = await Keys.RevokeApiKeyAsync(new RevokeApiKeyParams(TenantA, key.Id, Now.AddMinutes(2)), CancellationToken.None);

        Assert.Equal(Now.AddMinutes(1), revoked.RevokedAt);
        Assert.Equal(Now.AddMinutes(1), again.RevokedAt);
        Assert.False(again.IsActiveAt(Now.AddMinutes(3)));
    }

    [Fact]
    public async Task Revoking_a_key_that_does_not_exist_is_not_found()
    {
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Keys.RevokeApiKeyAsync(new RevokeApiKeyParams(TenantA, "nosuchkey123", Now), CancellationToken.None));
    }

    private static ApiKey NewKey(string tenant, DateTimeOffset? expiresAt = null)
    {
        var (id, secret, _) = ApiKeyTokens.Generate();
        return new ApiKey
        {
            Id = id,
            Tenant = tenant,
            Name = "ci",
            Scopes = [ApiScopes.Enqueue, ApiScopes.Read],
            SecretHash = ApiKeyTokens.HashSecret(secret),
            CreatedAt = Now,
            ExpiresAt = expiresAt,
        };
    }
}
