namespace Durq.Core.Keys;

/// <summary>
/// An API key as stored: everything but its secret, of which only a hash is kept. A key acts for one tenant with the
/// scopes it was given, until it expires or is revoked.
/// </summary>
internal sealed record ApiKey
{
    public required string Id { get; init; }
    public required string Tenant { get; init; }
    public string? Name { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>SHA-256 of the secret part of the key (<see cref="ApiKeyTokens.HashSecret"/>).</summary>
    public required byte[] SecretHash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Whether a request may be served with this key at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expires || now < expires);

    public const string Active = "active";
    public const string Expired = "expired";
    public const string Revoked = "revoked";

    /// <summary>Every name <see cref="StatusAt"/> gives (the OpenAPI document lists them).</summary>
    public static readonly IReadOnlyList<string> Statuses = [Active, Expired, Revoked];

    /// <summary>How <c>/keys</c> and <c>durq keys list</c> name the key's state: <c>active</c>, <c>expired</c> or <c>revoked</c>.</summary>
    public string StatusAt(DateTimeOffset now) => RevokedAt is not null ? Revoked : IsActiveAt(now) ? Active : Expired;
}
