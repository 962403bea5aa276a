using System.Net.Http.Headers;
using Durq.Server.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Durq.Server.Tests.Auth;

/// <summary>Keys made straight through the node's issuer (as <c>durq keys create</c> would), and clients that send them.</summary>
internal static class AuthFixtures
{
    public static async Task<(string Id, string Token)> CreateKeyAsync(
        this DurqApiFactory factory, string tenant, IReadOnlyList<string> scopes, DateTimeOffset? expiresAt = null)
    {
        var issuer = factory.Services.GetRequiredService<ApiKeyIssuer>();
        var (key, token) = await issuer.CreateAsync(tenant, scopes, name: null, expiresAt, CancellationToken.None);
        return (key.Id, token);
    }

    public static Task<(string Id, string Token)> CreateKeyAsync(this DurqApiFactory factory, string tenant, string scope) =>
        factory.CreateKeyAsync(tenant, [scope]);

    /// <summary>A client of the node that sends <paramref name="token"/> as its bearer key.</summary>
    public static HttpClient CreateClient(this DurqApiFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
