using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Durq.Server.Auth;

/// <summary>
/// The one place that decides whether a request without a key is served (as <see cref="ApiCaller.Anonymous"/>), by
/// <see cref="AuthOptions.Mode"/>, the keys that exist and where the server listens. A server that listens only on
/// loopback answers keyless requests only for a loopback <c>Host</c> (or one in <c>AllowedHosts</c>), so a web page
/// that rebinds its own name to 127.0.0.1 cannot reach it.
/// </summary>
internal sealed class KeylessAccess(
    IOptions<AuthOptions> options, ApiKeyDirectory keys, ListenerExposure exposure, IConfiguration configuration)
{
    private readonly string[] _allowedHosts = (configuration["AllowedHosts"] ?? "")
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(h => h != "*").ToArray();

    public AuthMode Mode => options.Value.Mode;

    /// <summary>Null when the keyless request is served; else why not, in words the caller can act on.</summary>
    public string? Refusal(HttpRequest request)
    {
        switch (Mode)
        {
            case AuthMode.Required:
                return "This server needs an API key: send 'Authorization: Bearer <key>'. An operator makes keys with 'durq keys create'.";
            case AuthMode.Auto when keys.HasActiveKeys:
                return "API keys exist for this server, so every request needs one: send 'Authorization: Bearer <key>'.";
            case AuthMode.Auto when !exposure.LoopbackOnly:
                return "This server listens beyond loopback and needs an API key: send 'Authorization: Bearer <key>'. " +
                       "An operator makes keys with 'durq keys create'.";
        }

        if (exposure.LoopbackOnly && !IsLocalHostName(request.Host.Host))
        {
            return $"Requests without an API key are answered only when the Host header names this machine (localhost, 127.0.0.1, [::1]); " +
                   $"it was '{request.Host.Value}'. Send 'Authorization: Bearer <key>', or list the name in AllowedHosts.";
        }

        return null;
    }

    private bool IsLocalHostName(string host) =>
        LoopbackNames.IsLoopback(host) || _allowedHosts.Any(allowed => HostMatches(allowed, host));

    private static bool HostMatches(string allowed, string host) =>
        allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
            : host.Equals(allowed, StringComparison.OrdinalIgnoreCase);
}
