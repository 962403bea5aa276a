using System.Text.Json.Serialization;

namespace Durq.Core.Contracts;

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
public sealed partial class DurqJsonContext : JsonSerializerContext;
