using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Durq.EndToEnd.Tests;

/// <summary>
/// Protected mode with real processes: <c>durq serve</c> beyond loopback needs a key to exist, and <c>durq keys</c>
/// (on the store directly) makes and revokes the keys a running server then honours.
/// </summary>
public sealed class ProtectedModeTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDir _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Serve_beyond_loopback_without_a_key_refuses_to_start_and_says_what_to_run()
    {
        var run = await DurqAsync("serve", "--data-dir", _data.Path, "--urls", "http://0.0.0.0:0");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("durq keys create", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--Auth:Mode=none", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.StartsWith("error:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_made_with_durq_keys_opens_a_server_beyond_loopback_to_that_key_alone_until_it_is_revoked()
    {
        var created = await DurqAsync("keys", "create", "--data-dir", _data.Path, "--tenant", "acme", "--scopes", "enqueue,read", "--name", "ci");
        Assert.True(created.ExitCode == 0, created.ToString());
        var token = created.Stdout.Trim();
        Assert.Matches("^durq_[a-z0-9]{12}_[a-z0-9]{32}$", token);
        Assert.Contains("printed below once", created.Stderr, StringComparison.Ordinal);

        await using var durq = await DurqProcess.StartOnUrlsAsync(_data.Path, "http://0.0.0.0:0");
        using var keyless = new HttpClient { BaseAddress = Loopback(durq.BaseAddress) };
        using var withKey = new HttpClient { BaseAddress = Loopback(durq.BaseAddress) };
        withKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using (var refused = await keyless.PostAsync("/api/v1/durable/tasks", JsonContent.Create(new { activity_type = "a", input = 1 })))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var accepted = await withKey.PostAsync("/api/v1/durable/tasks", JsonContent.Create(new { activity_type = "a", input = 1 })))
        {
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }

        var listed = await DurqAsync("keys", "list", "--data-dir", _data.Path);
        Assert.Contains("acme", listed.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listed.Stdout, StringComparison.Ordinal);
        var id = token.Split('_')[1];
        var revoked = await DurqAsync("keys", "revoke", id, "--data-dir", _data.Path);
        Assert.True(revoked.ExitCode == 0, revoked.ToString());

        // The server reads the keys again every two seconds.
        await WaitUntil.HoldsAsync(async () =>
        {
            using var health = await withKey.GetAsync("/api/v1/durable/health");
            return health.StatusCode == HttpStatusCode.Unauthorized;
        }, "the revoked key to be refused");
    }

    [Fact]
    public async Task Auth_mode_none_serves_beyond_loopback_without_keys_and_warns()
    {
        await using var durq = await DurqProcess.StartOnUrlsAsync(_data.Path, "http://0.0.0.0:0", "--Auth:Mode=none");
        using var keyless = new HttpClient { BaseAddress = Loopback(durq.BaseAddress) };

        using var response = await keyless.PostAsync("/api/v1/durable/tasks", JsonContent.Create(new { activity_type = "a", input = 1 }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("Auth:Mode=none", durq.Output, StringComparison.Ordinal);
    }

    private static Uri Loopback(Uri address) => new UriBuilder(address) { Host = "127.0.0.1" }.Uri;

    private static Task<ProcessResult> DurqAsync(params string[] args) =>
        ProcessRun.RunAsync(RepositoryProgram.StartInfo(RepositoryProgram.Durq, args), CommandTimeout);
}
