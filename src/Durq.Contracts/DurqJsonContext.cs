using System.Text.Json.Serialization;

namespace Durq.Contracts;

/// <summary>Source-generated serialization of every wire contract: snake_case names, unset members omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(UtcTimeConverter)])]
[JsonSerializable(typeof(EnqueueTaskRequest))]
[JsonSerializable(typeof(EnqueueTaskResponse))]
[JsonSerializable(typeof(EnqueueBatchRequest))]
[JsonSerializable(typeof(EnqueueBatchResponse))]
[JsonSerializable(typeof(TaskResource))]
[JsonSerializable(typeof(TaskListResponse))]
[JsonSerializable(typeof(ProblemDocument))]
[JsonSerializable(typeof(RegisterWorkerRequest))]
[JsonSerializable(typeof(WorkerResource))]
[JsonSerializable(typeof(WorkerHeartbeatRequest))]
[JsonSerializable(typeof(WorkerHeartbeatResponse))]
[JsonSerializable(typeof(WorkerListResponse))]
[JsonSerializable(typeof(DeregisterWorkerResponse))]
[JsonSerializable(typeof(ClaimTasksRequest))]
[JsonSerializable(typeof(ClaimTasksResponse))]
[JsonSerializable(typeof(TaskHeartbeatRequest))]
[JsonSerializable(typeof(TaskHeartbeatResponse))]
[JsonSerializable(typeof(CompleteTaskRequest))]
[JsonSerializable(typeof(CompleteTasksRequest))]
[JsonSerializable(typeof(CompleteTasksResponse))]
[JsonSerializable(typeof(FailTaskRequest))]
[JsonSerializable(typeof(FailTaskResponse))]
[JsonSerializable(typeof(RetryDeadTasksRequest))]
[JsonSerializable(typeof(RetryDeadTasksResponse))]
[JsonSerializable(typeof(PurgeDeadTasksRequest))]
[JsonSerializable(typeof(PurgeDeadTasksResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(LivenessResponse))]
[JsonSerializable(typeof(CreateApiKeyRequest))]
[JsonSerializable(typeof(ApiKeyResource))]
[JsonSerializable(typeof(ApiKeyListResponse))]
[JsonSerializable(typeof(ActivityTypeSettingsRequest))]
[JsonSerializable(typeof(ActivityTypeResource))]
[JsonSerializable(typeof(ActivityTypeListResponse))]
[JsonSerializable(typeof(CircuitResource))]
[JsonSerializable(typeof(CircuitListResponse))]
[JsonSerializable(typeof(TaskExplanationResponse))]
[JsonSerializable(typeof(TaskErrorResource))]
[JsonSerializable(typeof(IReadOnlyList<TaskErrorResource>))]
public sealed partial class DurqJsonContext : JsonSerializerContext;
