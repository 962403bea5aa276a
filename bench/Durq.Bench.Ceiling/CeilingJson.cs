using System.Text.Json.Serialization;

namespace Durq.Bench.Ceiling;

/// <summary>Durq's answer to an enqueue.</summary>
internal sealed record TaskCreated([property: JsonPropertyName("task_id")] string TaskId);

/// <summary>Source-generated, as a lean server would write so small an answer.</summary>
[JsonSerializable(typeof(TaskCreated))]
internal sealed partial class CeilingJson : JsonSerializerContext;
