using System.Text.Encodings.Web;
using Durq.Core.Keys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Durq.Server.Auth;

/// <summary>
/// ASP.NET Core's authentication for Durq: <c>Authorization: Bearer durq_…</c> names an API key, whose tenant and scopes
/// the request then acts with; a request without one is served only where <see cref="KeylessAccess"/> says. Every
/// refused key gets the same answer (the log, never the caller, hears whether it was unknown, revoked or expired).
/// </summary>
internal sealed partial class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder,
    ApiKeyDirectory keys, KeylessAccess keyless)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "DurqApiKey";

    public const string InvalidKey = "The API key is not valid: it is unknown, revoked or expired.";

    private const string BearerPrefix = "Bearer ";

    /// <summary>
    /// Refused keys are logged under a category of their own: ASP.NET Core's handler logs every unauthenticated request
    /// at Information under the handler's name, which Durq's defaults quiet (<see cref="Hosting.DurqWebApp"/>).
    /// </summary>
    public const string RefusalLogCategory = "Durq.Server.Auth.KeyRefusals";

    private readonly ILogger _log = loggerFactory.CreateLogger(RefusalLogCategory);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(Authenticate());

    private AuthenticateResult Authenticate()
    {
        var header = Request.Headers.Authorization;
        if (keyless.Mode == AuthMode.None || header.Count == 0)
        {
            return keyless.Refusal(Request) is { } refusal ? AuthenticateResult.Fail(refusal) : Success(ApiCaller.Anonymous);
        }

        var value = header.Count == 1 ? header[0].AsSpan() : [];
        if (!value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <key>', with one key of the form durq_<id>_<secret>.");
        }

        var token = value[BearerPrefix.Length..].Trim();
        var caller = keys.Authenticate(token, out var why);
        if (caller is null)
        {
            LogRefused(Context.TraceIdentifier, why, ApiKeyTokens.TryParse(token, out var id, out _) ? id : "-");
            return AuthenticateResult.Fail(InvalidKey);
        }

        return Success(caller);
    }

    private static AuthenticateResult Success(ApiCaller caller) => AuthenticateResult.Success(caller.Ticket);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId} was refused: its API key (id {KeyId}) is {Reason}")]
    private partial void LogRefused(string requestId, KeyRefusal reason, string keyId);
}
