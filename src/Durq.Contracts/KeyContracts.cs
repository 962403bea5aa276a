namespace Durq.Contracts;

/// <summary>Body of <c>POST /keys</c>: a new key for the caller's own tenant.</summary>
public sealed record CreateApiKeyRequest
{
    /// <summary>Any of <c>enqueue</c>, <c>read</c>, <c>work</c>, <c>manage</c>, <c>admin</c>.</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>A label for people, e.g. the service that uses the key.</summary>
    public string? Name { get; init; }

    /// <summary>When the key stops working; never, when unset.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>
/// An API key as <c>/keys</c> shows it. <c>key</c>, the secret to send as <c>Authorization: Bearer</c>, is in the
/// answer of the request that created the key and nowhere else, ever. <c>status</c> is <c>active</c>,
/// <c>expired</c> or <c>revoked</c>.
/// </summary>
public sealed record ApiKeyResource
{
    public required string Id { get; init; }
    public string? Key { get; init; }
    public required string Tenant { get; init; }
    public string? Name { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}

/// <summary>Answer of <c>GET /keys</c>: the tenant's keys, oldest first, without their secrets.</summary>
public sealed record ApiKeyListResponse(IReadOnlyList<ApiKeyResource> Data);
