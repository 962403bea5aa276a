using System.Collections.Frozen;
using Durq.Core.Errors;
using Durq.Core.Keys;
using Durq.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Durq.Server.Auth;

/// <summary>
/// The node's copy of the store's API keys, read at start and again every <see cref="AuthOptions.KeyRefreshInterval"/>
/// (at once after this node makes or revokes one), so checking a key costs a dictionary lookup and one SHA-256, never
/// a query. A key made or revoked on another node, or with <c>durq keys</c>, counts here within that interval.
/// </summary>
internal sealed partial class ApiKeyDirectory(
    IApiKeyStore store, TimeProvider time, IOptions<AuthOptions> options, ILogger<ApiKeyDirectory> logger) : BackgroundService
{
    // Hashed in place of a missing key's, so an unknown id costs the same time as a wrong secret.
    private static readonly byte[] NoSuchKey = new byte[32];

    private volatile Snapshot _snapshot = Snapshot.Empty;

    /// <summary>Whether any key that is neither revoked nor expired exists.</summary>
    public bool HasActiveKeys => _snapshot.HasActiveKeysAt(time.GetUtcNow());

    /// <summary>The caller a presented key acts as, or null for a malformed, unknown, wrong, revoked or expired one.</summary>
    public ApiCaller? Authenticate(ReadOnlySpan<char> token, out KeyRefusal refusal)
    {
        if (!ApiKeyTokens.TryParse(token, out var id, out var secret))
        {
            refusal = KeyRefusal.Malformed;
            return null;
        }

        var entry = _snapshot.Find(id);
        var matches = ApiKeyTokens.Matches(secret, entry?.Key.SecretHash ?? NoSuchKey);
        refusal = entry is null || !matches ? KeyRefusal.Unknown
            : entry.Key.RevokedAt is not null ? KeyRefusal.Revoked
            : !entry.Key.IsActiveAt(time.GetUtcNow()) ? KeyRefusal.Expired
            : KeyRefusal.None;
        return refusal == KeyRefusal.None ? entry!.Caller : null;
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Loaded before the server takes requests: the first request must already know whether keys exist. A store that
        // cannot be read now (damaged, away) must not keep the server from starting and saying so on every route; the
        // keys are read again every interval, and until then only a loopback-only server serves keyless requests, whose
        // store calls meet the same fault.
        try
        {
            await RefreshAsync(cancellationToken);
        }
        catch (DurqException error)
        {
            LogRefreshFailed(error);
        }

        await base.StartAsync(cancellationToken);
    }

    /// <summary>Reads the keys again now.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var keys = await store.ListApiKeysAsync(null, cancellationToken);
        _snapshot = new Snapshot(keys);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.KeyRefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The last keys read stay in force: a store that is away for a moment must not lock every caller out.
                LogRefreshFailed(error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durq could not read the API keys; the keys read last (if any) stay in force until a read succeeds")]
    private partial void LogRefreshFailed(Exception error);

    private sealed record Entry(ApiKey Key, ApiCaller Caller);

    private sealed class Snapshot(IReadOnlyList<ApiKey> keys)
    {
        public static readonly Snapshot Empty = new([]);

        private readonly FrozenDictionary<string, Entry> _byId =
            keys.ToFrozenDictionary(k => k.Id, k => new Entry(k, ApiCaller.For(k)), StringComparer.Ordinal);

        // Until when some key not revoked is still valid: MaxValue when one never expires, MinValue when none is left.
        private readonly DateTimeOffset _activeUntil = keys.Where(k => k.RevokedAt is null)
            .Select(k => k.ExpiresAt ?? DateTimeOffset.MaxValue).DefaultIfEmpty(DateTimeOffset.MinValue).Max();

        public Entry? Find(string id) => _byId.GetValueOrDefault(id);

        public bool HasActiveKeysAt(DateTimeOffset now) => now < _activeUntil;
    }
}

/// <summary>Why a presented key was refused; only the log tells these apart, the caller hears one answer.</summary>
internal enum KeyRefusal
{
    None,
    Malformed,
    Unknown,
    Revoked,
    Expired,
}
