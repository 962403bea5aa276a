using Durq.Core.Keys;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Core.Validation;

namespace Durq.Server.Auth;

/// <summary>
/// The one place API keys are made, listed and revoked, for <c>/keys</c> and <c>durq keys</c> alike. A key's secret
/// leaves here once, in the answer to the request that made it.
/// </summary>
/// <param name="changed">Called after a key is made or revoked (the server reads its keys again at once).</param>
internal sealed class ApiKeyIssuer(IApiKeyStore store, TimeProvider time, Func<CancellationToken, Task>? changed = null)
{
    public const int MaxNameLength = 200;

    public DateTimeOffset Now => Rfc3339.ToStoredPrecision(time.GetUtcNow());

    /// <summary>Makes a key; returns it as stored and the token to hand to its user (shown this once).</summary>
    public async Task<(ApiKey Key, string Token)> CreateAsync(
        string tenant, IReadOnlyList<string> scopes, string? name, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var (id, secret, token) = ApiKeyTokens.Generate();
        var key = new ApiKey
        {
            Id = id,
            Tenant = tenant,
            Name = name,
            Scopes = scopes,
            SecretHash = ApiKeyTokens.HashSecret(secret),
            CreatedAt = Now,
            ExpiresAt = expiresAt is { } at ? Rfc3339.ToStoredPrecision(at) : null,
        };
        await store.CreateApiKeyAsync(key, cancellationToken);
        await NotifyAsync(cancellationToken);
        return (key, token);
    }

    public Task<IReadOnlyList<ApiKey>> ListAsync(string? tenant, CancellationToken cancellationToken) =>
        store.ListApiKeysAsync(tenant, cancellationToken);

    public async Task<ApiKey> RevokeAsync(string tenant, string keyId, CancellationToken cancellationToken)
    {
        var key = await store.RevokeApiKeyAsync(new RevokeApiKeyParams(tenant, keyId, Now), cancellationToken);
        await NotifyAsync(cancellationToken);
        return key;
    }

    /// <summary>A key's name, checked: at most <see cref="MaxNameLength"/> characters and no control characters.</summary>
    public static string? CheckName(string? name, List<ValidationError> errors)
    {
        if (name is null)
        {
            return null;
        }

        if (name.Length > MaxNameLength)
        {
            errors.Add(new ValidationError("name", $"must be at most {MaxNameLength} characters, not {name.Length}",
                $"Shorten 'name' to <= {MaxNameLength} chars."));
        }
        else if (name.Any(char.IsControl))
        {
            errors.Add(new ValidationError("name", TextRules.HasControlCharacter, TextRules.IdentifierHint("name")));
        }

        return name;
    }

    public static void CheckExpiry(DateTimeOffset? expiresAt, DateTimeOffset now, List<ValidationError> errors)
    {
        if (expiresAt is { } at && at <= now)
        {
            errors.Add(new ValidationError("expires_at", "must be in the future", "Give a time after now, or leave 'expires_at' out."));
        }
    }

    private Task NotifyAsync(CancellationToken cancellationToken) => changed?.Invoke(cancellationToken) ?? Task.CompletedTask;
}
