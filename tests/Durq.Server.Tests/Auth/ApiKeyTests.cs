using System.Net;
using Durq.Core.Keys;

namespace Durq.Server.Tests.Auth;

/// <summary>Keys over <c>/keys</c>, and what a request with a bad key hears: one answer, whatever was wrong.</summary>
public sealed class ApiKeyTests() : ApiTest(new DurqApiFactory())
{
    private const string Health = "/api/v1/durable/health";
    private const string Keys = "/api/v1/durable/keys";

    [Fact]
    public async Task An_admin_key_creates_lists_and_revokes_keys_of_its_own_tenant()
    {
        var admin = Factory.CreateClient((await Factory.CreateKeyAsync("alpha", ApiScopes.Admin)).Token);
        await Factory.CreateKeyAsync("beta", ApiScopes.Admin);

        using var created = await admin.PostJsonAsync(Keys, """{"scopes":["read","enqueue"],"name":"ci"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await created.ReadJsonAsync();
        var token = key.GetProperty("key").GetString()!;
        var id = key.GetProperty("id").GetString()!;
        Assert.StartsWith("durq_" + id + "_", token, StringComparison.Ordinal);
        Assert.Equal(["enqueue", "read"], key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("alpha", key.GetProperty("tenant").GetString());
        Assert.Equal($"{Keys}/{id}", created.Headers.Location?.OriginalString);
        using (var withNewKey = await Factory.CreateClient(token).GetAsync(Health))
        {
            Assert.Equal(HttpStatusCode.OK, withNewKey.StatusCode);
        }

        using var list = await admin.GetAsync(Keys);
        var listed = (await list.ReadJsonAsync()).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, listed.Count);
        Assert.All(listed, k => Assert.Equal("alpha", k.GetProperty("tenant").GetString()));
        Assert.All(listed, k => Assert.False(k.TryGetProperty("key", out _), "a listed key shows its secret"));

        using var revoked = await admin.DeleteEmptyAsync($"{Keys}/{id}");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal("revoked", (await revoked.ReadJsonAsync()).GetProperty("status").GetString());
        using var afterRevoke = await Factory.CreateClient(token).GetAsync(Health);
        await afterRevoke.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Unknown_wrong_revoked_and_expired_keys_all_get_the_same_answer()
    {
        var issued = await Factory.CreateKeyAsync("alpha", [ApiScopes.Read], expiresAt: Factory.Clock.GetUtcNow().AddHours(1));
        var revoked = await Factory.CreateKeyAsync("alpha", ApiScopes.Read);
        var admin = Factory.CreateClient((await Factory.CreateKeyAsync("alpha", ApiScopes.Admin)).Token);
        using (await admin.DeleteEmptyAsync($"{Keys}/{revoked.Id}"))
        {
        }

        var (_, _, unknown) = ApiKeyTokens.Generate();
        var wrongSecret = issued.Token[..^4] + "aaaa";
        var details = new List<string>();
        foreach (var token in new[] { unknown, wrongSecret, revoked.Token })
        {
            details.Add(await RefusalDetailAsync(token));
        }

        Factory.Clock.Advance(TimeSpan.FromHours(2));
        details.Add(await RefusalDetailAsync(issued.Token));

        Assert.Single(details.Distinct());
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer not-a-durq-key")]
    [InlineData("Bearer")]
    public async Task A_malformed_authorization_header_is_unauthorized(string header)
    {
        await Factory.CreateKeyAsync("alpha", ApiScopes.Read);
        using var request = new HttpRequestMessage(HttpMethod.Get, Health);
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await Client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("""{"scopes":["read","everything"]}""", "scopes")]
    [InlineData("""{"scopes":[]}""", "scopes")]
    [InlineData("""{"scopes":["read"],"expires_at":"2020-01-01T00:00:00Z"}""", "expires_at")]
    public async Task Creating_a_key_refuses_unknown_scopes_and_a_past_expiry(string body, string field)
    {
        var admin = Factory.CreateClient((await Factory.CreateKeyAsync("alpha", ApiScopes.Admin)).Token);

        using var response = await admin.PostJsonAsync(Keys, body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(field, problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_key_acts_for_its_tenant_alone()
    {
        var alpha = Factory.CreateClient((await Factory.CreateKeyAsync("alpha", [ApiScopes.Enqueue, ApiScopes.Read])).Token);
        var beta = Factory.CreateClient((await Factory.CreateKeyAsync("beta", [ApiScopes.Enqueue, ApiScopes.Read])).Token);
        var mine = await alpha.EnqueueAsync("""{"activity_type":"t","input":{}}""");
        await beta.EnqueueAsync("""{"activity_type":"t","input":{}}""");

        using var list = await alpha.GetAsync(Http.Tasks);
        var ids = (await list.ReadJsonAsync()).GetProperty("data").EnumerateArray().Select(t => t.GetProperty("id").GetString());
        Assert.Equal([mine], ids);
        using var health = await alpha.GetAsync(Health);
        Assert.Equal(1, (await health.ReadJsonAsync()).GetProperty("pending_tasks").GetInt64());
    }

    private async Task<string> RefusalDetailAsync(string token)
    {
        using var response = await Factory.CreateClient(token).GetAsync(Health);
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        return problem.GetProperty("detail").GetString()!;
    }
}
