using Durq.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Durq.Server.Auth;

/// <summary>Registers and places authentication (API keys), scopes, the keyless rules and the per-key rate limit.</summary>
internal static class AuthServiceCollectionExtensions
{
    /// <summary>Call after the store's start-up is registered: the key directory reads the migrated store.</summary>
    public static IServiceCollection AddDurqAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddSingleton<ListenerExposure>();
        services.AddSingleton<ApiKeyDirectory>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyDirectory>());
        services.AddSingleton<KeylessAccess>();
        services.AddSingleton(sp => new ApiKeyIssuer(sp.GetRequiredService<Core.Storage.IApiKeyStore>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ApiKeyDirectory>().RefreshAsync));
        services.AddSingleton<StartupRefusal>();
        services.AddHostedService<ProtectedModeCheck>();
        // The core of authentication without AddAuthentication's data protection, which only cookies need and which would
        // write a key ring to the user's profile at every start.
        services.AddWebEncoders();
        new AuthenticationBuilder(services.AddAuthenticationCore(o => o.DefaultScheme = ApiKeyAuthentication.SchemeName))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorization(ScopePolicies.AddTo);
        services.AddSingleton<IAuthorizationHandler, ScopeAuthorizationHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationProblems>();
        var limits = configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
        services.AddDurqRateLimits(limits);
        return services;
    }

    /// <summary>Authentication, then the keyless rules, then scopes, then the rate limit (which counts per key).</summary>
    public static IApplicationBuilder UseDurqAuth(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        app.UseMiddleware<KeylessRequestGuard>();
        app.UseAuthorization();
        if (app.ApplicationServices.GetRequiredService<IOptions<LimitsOptions>>().Value.RequestsPerSecondPerKey > 0)
        {
            app.UseRateLimiter();
        }

        return app;
    }
}
