namespace Durq.Server.Auth;

/// <summary>The <c>Auth</c> configuration section (docs/security.md).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Whether requests need an API key. Default <see cref="AuthMode.Auto"/>.</summary>
    public AuthMode Mode { get; set; } = AuthMode.Auto;

    /// <summary>How often a node reads the keys again, so a key made or revoked elsewhere counts within this time. Default 2 s.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>When a request needs an API key.</summary>
public enum AuthMode
{
    /// <summary>
    /// While the store holds no active key, a server that listens only on loopback serves keyless requests as tenant
    /// <c>default</c> with every scope; once a key exists, every request needs one. A server listening beyond loopback
    /// with no key refuses to start.
    /// </summary>
    Auto,

    /// <summary>Every request needs a key, on loopback too.</summary>
    Required,

    /// <summary>No request needs a key: every request acts as tenant <c>default</c> with every scope. Warned at every start.</summary>
    None,
}
