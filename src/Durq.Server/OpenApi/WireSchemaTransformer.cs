using Durq.Contracts;
using Durq.Core.Health;
using Durq.Core.Keys;
using Durq.Core.Tasks;
using Durq.Core.Validation;
using Durq.Core.Workers;
using Durq.Server.Apis;
using Durq.Server.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using static Durq.Server.OpenApi.SchemaRules;

namespace Durq.Server.OpenApi;

/// <summary>
/// Gives the wire records' members what the generated schemas cannot know: the ranges, lengths, patterns and closed
/// sets of values the server enforces (or answers), so a generated client can check a request before it sends it.
/// </summary>
internal sealed class WireSchemaTransformer : IOpenApiSchemaTransformer
{
    private static readonly IReadOnlyList<string> TaskStatuses = DurqTaskStatusNames.All;

    private static readonly Dictionary<Type, Dictionary<string, Action<OpenApiSchema>>> Rules = new()
    {
        [typeof(EnqueueTaskRequest)] = new() { ["activity_type"] = ActivityType },
        [typeof(EnqueueTaskResponse)] = new() { ["task_id"] = Uuid },
        [typeof(EnqueueBatchRequest)] = new() { ["tasks"] = Count(1, EnqueueLimits.MaxBatchSize) },
        [typeof(EnqueueBatchResponse)] = new() { ["task_ids"] = EachItem(Uuid) },
        [typeof(TaskResource)] = new()
        {
            ["id"] = Uuid,
            ["status"] = OneOf(TaskStatuses),
        },
        [typeof(ClaimTasksRequest)] = new()
        {
            ["worker_id"] = WorkerId,
            ["activity_types"] = ActivityTypes,
            ["max_tasks"] = Range(1, LeasesApi.MaxTasksPerClaim, 1),
            ["wait_ms"] = Range(0, LeasesApi.MaxWaitMs, 0),
        },
        [typeof(ClaimedTaskResource)] = new() { ["id"] = Uuid, ["lease_id"] = Uuid },
        [typeof(TaskHeartbeatRequest)] = new() { ["lease_id"] = Uuid },
        [typeof(CompleteTaskRequest)] = new() { ["lease_id"] = Uuid },
        [typeof(CompleteTasksRequest)] = new() { ["completions"] = Count(1, BatchCompletions.MaxCompletions) },
        [typeof(TaskCompletionInput)] = new() { ["task_id"] = Uuid, ["lease_id"] = Uuid },
        [typeof(CompletionResult)] = new() { ["task_id"] = Uuid },
        [typeof(FailTaskRequest)] = new() { ["lease_id"] = Uuid, ["retryable"] = Default(true) },
        [typeof(FailTaskResponse)] = new()
        {
            // A failed attempt leaves the task pending (a retry), dead, or cancelled (a cancel was requested).
            ["status"] = OneOf([DurqTaskStatus.Pending.ToWire(), DurqTaskStatus.Dead.ToWire(), DurqTaskStatus.Cancelled.ToWire()]),
        },
        [typeof(RegisterWorkerRequest)] = new()
        {
            ["activity_types"] = ActivityTypes,
            ["max_concurrency"] = Range(1, WorkersApi.MaxConcurrency, 1),
            ["worker_group"] = MaxLength(WorkerRequestRules.MaxDescriptionLength),
            ["hostname"] = MaxLength(WorkerRequestRules.MaxDescriptionLength),
            ["version"] = MaxLength(WorkerRequestRules.MaxDescriptionLength),
        },
        [typeof(WorkerHeartbeatRequest)] = new() { ["current_load"] = Range(0, WorkersApi.MaxConcurrency) },
        [typeof(WorkerResource)] = new() { ["status"] = OneOf(Enum.GetValues<WorkerStatus>().Select(WorkerResources.ToWire)) },
        [typeof(RetryDeadTasksRequest)] = new() { ["activity_type"] = ActivityType },
        [typeof(HealthResponse)] = new() { ["status"] = OneOf([HealthPolicy.Healthy, HealthPolicy.Warning, HealthPolicy.Degraded]) },
        [typeof(CreateApiKeyRequest)] = new()
        {
            ["scopes"] = schema =>
            {
                Count(1, ApiScopes.All.Count)(schema);
                EachItem(OneOf(ApiScopes.All))(schema);
            },
            ["name"] = MaxLength(ApiKeyIssuer.MaxNameLength),
        },
        [typeof(ApiKeyResource)] = new()
        {
            ["scopes"] = EachItem(OneOf(ApiScopes.All)),
            ["status"] = OneOf(ApiKey.Statuses),
        },
    };

    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // Only the record's own schema: its members' schemas are reached through it, once, where they are shared.
        if (context.JsonPropertyInfo is not null || !Rules.TryGetValue(context.JsonTypeInfo.Type, out var members))
        {
            return;
        }

        foreach (var (name, rule) in members)
        {
            if (schema.Properties is null || !schema.Properties.TryGetValue(name, out var member) || member is not OpenApiSchema described)
            {
                throw new InvalidOperationException($"{context.JsonTypeInfo.Type.Name} has no member '{name}' to describe.");
            }

            rule(described);
        }

        if (context.JsonTypeInfo.Type == typeof(TaskResource))
        {
            await DescribeErrorsAsync(schema, context, cancellationToken);
        }
    }

    /// <summary>
    /// A task's <c>last_error</c> and <c>errors</c> pass through as stored JSON (<see cref="RawJson"/>), which has no
    /// schema; what is stored is always a <see cref="TaskErrorResource"/>, and the document says so.
    /// </summary>
    private static async Task DescribeErrorsAsync(OpenApiSchema task, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var error = await context.GetOrCreateSchemaAsync(typeof(TaskErrorResource), null, cancellationToken);
        task.Properties!["last_error"] = error;
        task.Properties["errors"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = error };
    }
}
