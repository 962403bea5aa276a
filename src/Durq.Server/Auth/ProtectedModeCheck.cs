using Durq.Server.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Durq.Server.Auth;

/// <summary>
/// Once the server is bound, says how requests are authenticated, and refuses to run (in <see cref="AuthMode.Auto"/>)
/// a server that other machines can reach while no API key exists: that server would serve nobody, or, before keys,
/// everybody.
/// </summary>
internal sealed partial class ProtectedModeCheck(
    IOptions<AuthOptions> options, ApiKeyDirectory keys, ListenerExposure exposure, StartupRefusal refusal,
    IHostApplicationLifetime lifetime, ILogger<ProtectedModeCheck> logger)
    : IHostedLifecycleService
{
    public const string CreateKeyCommand = "durq keys create --tenant default --scopes admin";

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var reachable = string.Join(", ", exposure.BeyondLoopback);
        switch (options.Value.Mode)
        {
            case AuthMode.None:
                LogNoAuth(exposure.LoopbackOnly ? "this machine" : reachable);
                break;
            case AuthMode.Auto when !exposure.LoopbackOnly && !keys.HasActiveKeys:
                // Until it has stopped, this server refuses every request: keyless ones need loopback, and no key exists.
                refusal.Refuse(
                    $"Durq will not listen on {reachable} without an API key: anyone who can reach it could enqueue, cancel and " +
                    $"drain. Create a key first ({CreateKeyCommand}, with the same --data-dir or --postgres), listen on " +
                    "127.0.0.1 only, or pass --Auth:Mode=none to serve without keys (not recommended).");
                lifetime.StopApplication();
                return Task.CompletedTask;
            case AuthMode.Required when !keys.HasActiveKeys:
                LogNoKeyYet(CreateKeyCommand);
                break;
            case AuthMode.Required:
            case AuthMode.Auto when keys.HasActiveKeys:
                LogKeysRequired();
                break;
            default:
                LogKeyless();
                break;
        }

        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Auth:Mode=none: every request is served without a key, as tenant 'default' with every scope; anyone who can reach {Reachable} can enqueue, cancel and drain")]
    private partial void LogNoAuth(string reachable);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durq authentication: every request needs an API key")]
    private partial void LogKeysRequired();

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Durq authentication: no API key exists and the server listens on loopback only, so requests without a key are served as tenant 'default'; once a key exists every request needs one")]
    private partial void LogKeyless();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Auth:Mode=required but no API key exists: every request is refused until one is made ({Command})")]
    private partial void LogNoKeyYet(string command);
}
