using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Durq.Core.Tasks;

/// <summary>
/// The JSON form of <see cref="TaskOptions"/>, the same shape as the <c>options</c> member of the API, so stores keep
/// it as text and the HTTP layer sends it on unchanged.
/// </summary>
public static class TaskOptionsJson
{
    public static string Serialize(TaskOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, options);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter writer, TaskOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("max_attempts", options.MaxAttempts);
        writer.WriteNumber("priority", options.Priority);
        writer.WriteNumber("delay_seconds", options.DelaySeconds);
        writer.WriteString("run_at", Rfc3339.Format(options.RunAt));
        writer.WriteNumber("timeout_seconds", options.TimeoutSeconds);
        writer.WriteNumber("heartbeat_timeout_seconds", options.HeartbeatTimeoutSeconds);
        writer.WriteStartObject("retry");
        writer.WriteNumber("initial_interval_ms", options.Retry.InitialIntervalMs);
        writer.WriteNumber("backoff_coefficient", options.Retry.BackoffCoefficient);
        writer.WriteNumber("max_interval_ms", options.Retry.MaxIntervalMs);
        writer.WriteNumber("jitter", options.Retry.Jitter);
        writer.WriteStartArray("non_retryable_error_types");
        foreach (var type in options.Retry.NonRetryableErrorTypes)
        {
            writer.WriteStringValue(type);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static TaskOptions Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var retry = root.GetProperty("retry");
        return new TaskOptions(
            root.GetProperty("max_attempts").GetInt32(),
            root.GetProperty("priority").GetInt32(),
            root.GetProperty("delay_seconds").GetDouble(),
            root.GetProperty("run_at").GetDateTimeOffset(),
            root.GetProperty("timeout_seconds").GetInt32(),
            root.GetProperty("heartbeat_timeout_seconds").GetInt32(),
            new RetryPolicy(
                retry.GetProperty("initial_interval_ms").GetInt64(),
                retry.GetProperty("backoff_coefficient").GetDouble(),
                retry.GetProperty("max_interval_ms").GetInt64(),
                retry.GetProperty("jitter").GetDouble(),
                [.. retry.GetProperty("non_retryable_error_types").EnumerateArray().Select(t => t.GetString()!)]));
    }
}
