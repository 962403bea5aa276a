using System.Text.Json;
using Durq.Core.Tasks;

namespace Durq.Core.Tests.Tasks;

/// <summary>The stored and wire form of the effective options.</summary>
public class TaskOptionsJsonTests
{
    private static readonly TaskOptions Custom = new(
        MaxAttempts: 7,
        Priority: -12,
        DelaySeconds: 2.5,
        RunAt: new DateTimeOffset(2026, 3, 14, 15, 9, 29, 35, TimeSpan.Zero),
        TimeoutSeconds: 120,
        HeartbeatTimeoutSeconds: 15,
        Retry: new RetryPolicy(250, 1.5, 9000, 0.25, ["fatal", "bad_input"]));

    [Fact]
    public void Options_survive_a_round_trip_member_for_member()
    {
        var back = TaskOptionsJson.Deserialize(TaskOptionsJson.Serialize(Custom));

        Assert.Equal(Custom with { Retry = RetryPolicy.Default }, back with { Retry = RetryPolicy.Default });
        Assert.Equal(Custom.Retry with { NonRetryableErrorTypes = [] }, back.Retry with { NonRetryableErrorTypes = [] });
        Assert.Equal(Custom.Retry.NonRetryableErrorTypes, back.Retry.NonRetryableErrorTypes);
    }

    [Fact]
    public void Default_retry_with_no_error_types_survives_a_round_trip()
    {
        var options = Custom with { Retry = RetryPolicy.Default };

        var back = TaskOptionsJson.Deserialize(TaskOptionsJson.Serialize(options));

        Assert.Equal(RetryPolicy.Default with { NonRetryableErrorTypes = [] }, back.Retry with { NonRetryableErrorTypes = [] });
        Assert.Empty(back.Retry.NonRetryableErrorTypes);
    }

    [Fact]
    public void Json_uses_the_api_member_names_and_an_rfc_3339_utc_run_at()
    {
        var json = JsonElement.Parse(TaskOptionsJson.Serialize(Custom));

        Assert.Equal(7, json.GetProperty("max_attempts").GetInt32());
        Assert.Equal(-12, json.GetProperty("priority").GetInt32());
        Assert.Equal(2.5, json.GetProperty("delay_seconds").GetDouble());
        Assert.Equal("2026-03-14T15:09:29.035Z", json.GetProperty("run_at").GetString());
        Assert.Equal(120, json.GetProperty("timeout_seconds").GetInt32());
        Assert.Equal(15, json.GetProperty("heartbeat_timeout_seconds").GetInt32());
        var retry = json.GetProperty("retry");
        Assert.Equal(250, retry.GetProperty("initial_interval_ms").GetInt64());
        Assert.Equal(1.5, retry.GetProperty("backoff_coefficient").GetDouble());
        Assert.Equal(9000, retry.GetProperty("max_interval_ms").GetInt64());
        Assert.Equal(0.25, retry.GetProperty("jitter").GetDouble());
        Assert.Equal(["fatal", "bad_input"], retry.GetProperty("non_retryable_error_types").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void Run_at_with_an_offset_is_written_in_utc()
    {
        var options = Custom with { RunAt = new DateTimeOffset(2026, 3, 14, 17, 9, 29, 35, TimeSpan.FromHours(2)) };

        var json = JsonElement.Parse(TaskOptionsJson.Serialize(options));

        Assert.Equal("2026-03-14T15:09:29.035Z", json.GetProperty("run_at").GetString());
    }
}
