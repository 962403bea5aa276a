using System.Collections.Frozen;
using Durq.Core.Keys;
using Durq.Server.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Durq.Server.Auth;

/// <summary>
/// The one table of which scope each route needs (API.md, "Authentication, scopes and tenants"), by the route's
/// operation id. A route missing from it stops the server from starting: no route can ship without a scope.
/// </summary>
internal static class RouteScopes
{
    /// <summary>What a route that needs no key (liveness, the API's description) is marked with in the table.</summary>
    public const string NoKey = "";

    public static readonly FrozenDictionary<string, string> ByOperation = new Dictionary<string, string>
    {
        ["EnqueueTask"] = ApiScopes.Enqueue,
        ["EnqueueTasks"] = ApiScopes.Enqueue,
        ["GetTask"] = ApiScopes.Read,
        ["ListTasks"] = ApiScopes.Read,
        ["ExplainTask"] = ApiScopes.Read,
        ["ListDeadTasks"] = ApiScopes.Read,
        ["ListWorkers"] = ApiScopes.Read,
        ["GetHealth"] = ApiScopes.Read,
        ["StreamEvents"] = ApiScopes.Read,
        ["GetTimeSeries"] = ApiScopes.Read,
        // Only the caller's tenant's series (and the node's own) are shown: docs/observability.md, "Access".
        ["ScrapeMetrics"] = ApiScopes.Read,
        ["ListActivityTypes"] = ApiScopes.Read,
        ["GetActivityType"] = ApiScopes.Read,
        ["ListCircuitBreakers"] = ApiScopes.Read,
        ["GetCircuitBreaker"] = ApiScopes.Read,
        ["ClaimTasks"] = ApiScopes.Work,
        ["HeartbeatTask"] = ApiScopes.Work,
        ["CompleteTask"] = ApiScopes.Work,
        ["CompleteTasks"] = ApiScopes.Work,
        ["FailTask"] = ApiScopes.Work,
        ["RegisterWorker"] = ApiScopes.Work,
        ["HeartbeatWorker"] = ApiScopes.Work,
        ["DeregisterWorker"] = ApiScopes.Work,
        ["CancelTask"] = ApiScopes.Manage,
        ["RetryDeadTask"] = ApiScopes.Manage,
        ["RetryDeadTasks"] = ApiScopes.Manage,
        ["PurgeDeadTasks"] = ApiScopes.Manage,
        ["DeleteTask"] = ApiScopes.Manage,
        ["DrainWorker"] = ApiScopes.Manage,
        ["ResumeWorker"] = ApiScopes.Manage,
        ["SetActivityType"] = ApiScopes.Manage,
        ["OpenCircuitBreaker"] = ApiScopes.Manage,
        ["CloseCircuitBreaker"] = ApiScopes.Manage,
        ["DeleteCircuitBreaker"] = ApiScopes.Manage,
        ["ListSchedules"] = ApiScopes.Read,
        ["GetSchedule"] = ApiScopes.Read,
        ["ListScheduleExecutions"] = ApiScopes.Read,
        ["CreateSchedule"] = ApiScopes.Manage,
        ["UpdateSchedule"] = ApiScopes.Manage,
        ["DeleteSchedule"] = ApiScopes.Manage,
        ["PauseSchedule"] = ApiScopes.Manage,
        ["ResumeSchedule"] = ApiScopes.Manage,
        ["TriggerSchedule"] = ApiScopes.Manage,
        ["CreateApiKey"] = ApiScopes.Admin,
        ["ListApiKeys"] = ApiScopes.Admin,
        ["RevokeApiKey"] = ApiScopes.Admin,
        ["Liveness"] = NoKey,
        ["OpenApiDocument"] = NoKey,
        // The dashboard's static files hold no data; every API call the page makes needs its own scope.
        ["DashboardRedirect"] = NoKey,
        ["DashboardAsset"] = NoKey,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Gives every endpoint mapped under <paramref name="routes"/> the scope the table names for it.</summary>
    public static TBuilder RequireTableScopes<TBuilder>(this TBuilder routes)
        where TBuilder : IEndpointConventionBuilder =>
        routes.ApplyByOperation(ByOperation, nameof(RouteScopes), "scope", (endpoint, scope) =>
        {
            endpoint.Metadata.Add(scope == NoKey ? new AllowAnonymousAttribute() : new AuthorizeAttribute(ScopePolicies.For(scope)));
            if (scope != NoKey)
            {
                endpoint.Metadata.Add(new ScopeRequirement(scope));
            }
        });

    /// <summary>The scope an endpoint needs, or null for one that needs no key.</summary>
    public static string? Of(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<ScopeRequirement>()?.Scope;
}
