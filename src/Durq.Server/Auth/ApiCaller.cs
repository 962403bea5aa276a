using System.Security.Claims;
using Durq.Core;
using Durq.Core.Keys;
using Microsoft.AspNetCore.Authentication;

namespace Durq.Server.Auth;

/// <summary>
/// Who a request acts for: the tenant and scopes of its API key, or of the keyless caller (<see cref="Anonymous"/>).
/// Made once per key and reused by every request that sends it.
/// </summary>
internal sealed class ApiCaller
{
    public const string TenantClaim = "durq:tenant";
    public const string ScopeClaim = "durq:scope";

    /// <summary>A caller without a key, where the mode lets one in: the default tenant, every scope.</summary>
    public static readonly ApiCaller Anonymous = new(null, Tenants.Default, [ApiScopes.Admin]);

    private ApiCaller(string? keyId, string tenant, IReadOnlyList<string> scopes)
    {
        KeyId = keyId;
        Tenant = tenant;
        Scopes = scopes;
        Principal = new ClaimsPrincipal(new CallerIdentity(this));
        Ticket = new AuthenticationTicket(Principal, ApiKeyAuthentication.SchemeName);
    }

    public static ApiCaller For(ApiKey key) => new(key.Id, key.Tenant, key.Scopes);

    /// <summary>The key's id; null for the keyless caller.</summary>
    public string? KeyId { get; }

    public string Tenant { get; }

    public IReadOnlyList<string> Scopes { get; }

    public ClaimsPrincipal Principal { get; }

    /// <summary>What authentication answers for every request of this caller: one ticket, made once.</summary>
    public AuthenticationTicket Ticket { get; }

    public bool IsAnonymous => KeyId is null;

    public bool Grants(string scope) => ApiScopes.Grants(Scopes, scope);

    /// <summary>For logs and refusals: "key abc123def456" or "a request without a key".</summary>
    public string Describe() => KeyId is null ? "a request without a key" : $"key {KeyId}";

    /// <summary>The caller as ASP.NET Core's authorization sees it, holding the caller itself for Durq's own code.</summary>
    private sealed class CallerIdentity : ClaimsIdentity
    {
        public CallerIdentity(ApiCaller caller)
            : base(
                [
                    new Claim(ClaimTypes.NameIdentifier, caller.KeyId ?? "anonymous"),
                    new Claim(TenantClaim, caller.Tenant),
                    .. caller.Scopes.Select(s => new Claim(ScopeClaim, s)),
                ],
                ApiKeyAuthentication.SchemeName)
        {
            Caller = caller;
        }

        public ApiCaller Caller { get; }
    }

    /// <summary>The caller a request was authenticated as, or null before authentication or when it failed.</summary>
    public static ApiCaller? Of(ClaimsPrincipal? user) => (user?.Identity as CallerIdentity)?.Caller;
}
