using Durq.Core.Keys;
using Microsoft.AspNetCore.Authorization;

namespace Durq.Server.Auth;

/// <summary>A route's need: the caller's key must grant this scope (or <c>admin</c>).</summary>
internal sealed class ScopeRequirement(string scope) : IAuthorizationRequirement
{
    public string Scope { get; } = scope;
}

/// <summary>Meets a <see cref="ScopeRequirement"/> when the authenticated caller holds the scope.</summary>
internal sealed class ScopeAuthorizationHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (ApiCaller.Of(context.User)?.Grants(requirement.Scope) == true)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>One authorization policy per scope, named <c>scope:&lt;scope&gt;</c>.</summary>
internal static class ScopePolicies
{
    public static string For(string scope) => "scope:" + scope;

    public static void AddTo(AuthorizationOptions options)
    {
        foreach (var scope in ApiScopes.All)
        {
            // No scheme named: the policy reads the user the authentication middleware found (the default scheme's),
            // rather than authenticating the request a second time.
            options.AddPolicy(For(scope), policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new ScopeRequirement(scope)));
        }
    }
}
