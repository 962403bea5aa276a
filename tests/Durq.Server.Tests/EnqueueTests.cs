using System.Net;
using System.Text.Json;

namespace Durq.Server.Tests;

public sealed class EnqueueTests() : ApiTest(new DurqApiFactory())
{
    [Fact]
    public async Task The_seed_request_gets_201_a_task_id_and_a_location()
    {
        // Byte for byte the body of the seed page's curl example.
        const string seed = """{ "activity_type": "session.run", "input": "example", "options": { "max_attempts": 3, "priority": 10 } }""";
        using var response = await Client.PostJsonAsync(Http.Tasks, seed);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.ReadJsonAsync()).GetProperty("task_id").GetString()!;
        Assert.Equal(7, Guid.Parse(id).Version);
        Assert.Equal($"/api/v1/durable/tasks/{id}", response.Headers.Location?.ToString());

        var task = await Client.GetTaskAsync(id);
        Assert.Equal("session.run", task.GetProperty("activity_type").GetString());
        Assert.Equal("example", task.GetProperty("input").GetString());
        Assert.Equal("pending", task.GetProperty("status").GetString());
        Assert.Equal(0, task.GetProperty("attempt").GetInt32());
        Assert.Equal(3, task.GetProperty("max_attempts").GetInt32());
        Assert.Equal(10, task.GetProperty("priority").GetInt32());
        Assert.Equal(3, task.GetProperty("options").GetProperty("max_attempts").GetInt32());
        Assert.Equal(10, task.GetProperty("options").GetProperty("priority").GetInt32());
    }

    [Fact]
    public async Task Defaults_are_filled_in_and_unset_members_are_omitted()
    {
        var id = await Client.EnqueueAsync("""{"activity_type":"email.send","input":{"to":"a@b.c"}}""");
        var task = await Client.GetTaskAsync(id);
        var options = task.GetProperty("options");

        Assert.Equal(5, options.GetProperty("max_attempts").GetInt32());
        Assert.Equal(0, options.GetProperty("priority").GetInt32());
        Assert.Equal(0, options.GetProperty("delay_seconds").GetDouble());
        Assert.Equal("2026-11-29T12:00:00.000Z", options.GetProperty("run_at").GetString());
        Assert.Equal(300, options.GetProperty("timeout_seconds").GetInt32());
        Assert.Equal(30, options.GetProperty("heartbeat_timeout_seconds").GetInt32());
        var retry = options.GetProperty("retry");
        Assert.Equal(1000, retry.GetProperty("initial_interval_ms").GetInt64());
        Assert.Equal(2.0, retry.GetProperty("backoff_coefficient").GetDouble());
        Assert.Equal(60000, retry.GetProperty("max_interval_ms").GetInt64());
        Assert.Equal(0.1, retry.GetProperty("jitter").GetDouble());
        Assert.Equal(0, retry.GetProperty("non_retryable_error_types").GetArrayLength());
        Assert.Equal("2026-11-29T12:00:00.000Z", task.GetProperty("created_at").GetString());
        Assert.Equal("2026-11-29T12:00:00.000Z", task.GetProperty("visible_at").GetString());
        foreach (var unset in new[] { "claimed_by", "claimed_at", "lease_expires_at", "completed_at", "result", "last_error", "errors", "cancel_requested", "requeue_count", "idempotency_key", "traceparent" })
        {
            Assert.False(task.TryGetProperty(unset, out _), $"'{unset}' should be omitted while unset.");
        }
    }

    public static TheoryData<string, string, string> OptionRows => new()
    {
        // option sent, path read back under "options", expected JSON text read back
        { "\"max_attempts\": 1000", "max_attempts", "1000" },
        { "\"priority\": -1000", "priority", "-1000" },
        { "\"delay_seconds\": 90.5", "delay_seconds", "90.5" },
        { "\"run_at\": \"2026-12-01T08:00:00+02:00\"", "run_at", "\"2026-12-01T06:00:00.000Z\"" },
        { "\"timeout_seconds\": 86400", "timeout_seconds", "86400" },
        { "\"heartbeat_timeout_seconds\": 1", "heartbeat_timeout_seconds", "1" },
        {
            "\"retry\": {\"initial_interval_ms\": 250, \"backoff_coefficient\": 3.5, \"max_interval_ms\": 9000, \"jitter\": 0, \"non_retryable_error_types\": [\"bad_input\"]}",
            "retry",
            "{\"initial_interval_ms\":250,\"backoff_coefficient\":3.5,\"max_interval_ms\":9000,\"jitter\":0,\"non_retryable_error_types\":[\"bad_input\"]}"
        },
    };

    [Theory]
    [MemberData(nameof(OptionRows))]
    public async Task Every_option_is_stored_and_read_back(string option, string member, string expected)
    {
        var id = await Client.EnqueueAsync("{\"activity_type\":\"a\",\"input\":null,\"options\":{" + option + "}}");
        var options = (await Client.GetTaskAsync(id)).GetProperty("options");
        Assert.Equal(expected, options.GetProperty(member).GetRawText());
    }

    [Fact]
    public async Task A_delay_or_run_at_sets_when_the_task_becomes_visible()
    {
        var delayed = await Client.GetTaskAsync(await Client.EnqueueAsync("""{"activity_type":"a","input":1,"options":{"delay_seconds":30}}"""));
        var scheduled = await Client.GetTaskAsync(await Client.EnqueueAsync("""{"activity_type":"a","input":1,"options":{"run_at":"2026-11-30T00:00:00Z"}}"""));

        Assert.Equal("2026-11-29T12:00:30.000Z", delayed.GetProperty("visible_at").GetString());
        Assert.Equal("2026-11-29T12:00:30.000Z", delayed.GetProperty("options").GetProperty("run_at").GetString());
        Assert.Equal("2026-11-30T00:00:00.000Z", scheduled.GetProperty("visible_at").GetString());
    }

    [Fact]
    public async Task Input_is_kept_exactly_as_sent()
    {
        const string input = """{"z": 1, "a": [1.50, "ünïcødé ✓", null],   "nested": {"e": 1e3}}""";
        var id = await Client.EnqueueAsync($$"""{"activity_type":"a","input":{{input}}}""");
        Assert.Equal(input, (await Client.GetTaskAsync(id)).GetProperty("input").GetRawText());
    }

    [Fact]
    public async Task Unknown_members_are_ignored()
    {
        var id = await Client.EnqueueAsync("""{"activity_type":"a","input":1,"future":true,"options":{"someday":1}}""");
        Assert.Equal("pending", (await Client.GetTaskAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_traceparent_header_is_kept_with_the_task()
    {
        const string traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        using var request = new HttpRequestMessage(HttpMethod.Post, Http.Tasks) { Content = Http.Json("""{"activity_type":"a","input":1}""") };
        request.Headers.Add("traceparent", traceparent);
        using var response = await Client.SendAsync(request);
        var id = (await response.ReadJsonAsync()).GetProperty("task_id").GetString()!;
        Assert.Equal(traceparent, (await Client.GetTaskAsync(id)).GetProperty("traceparent").GetString());
    }

    [Fact]
    public async Task A_batch_is_stored_in_order()
    {
        using var response = await Client.PostJsonAsync($"{Http.Tasks}/batch", """
            {"tasks": [
              {"activity_type": "first", "input": 1},
              {"activity_type": "second", "input": 2, "options": {"priority": 5}},
              {"activity_type": "third", "input": 3}
            ]}
            """);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ids = (await response.ReadJsonAsync()).GetProperty("task_ids").EnumerateArray().Select(e => e.GetString()!).ToList();

        Assert.Equal(3, ids.Count);
        string[] expected = ["first", "second", "third"];
        for (var i = 0; i < ids.Count; i++)
        {
            var task = await Client.GetTaskAsync(ids[i]);
            Assert.Equal(expected[i], task.GetProperty("activity_type").GetString());
            Assert.Equal(i + 1, task.GetProperty("input").GetInt32());
        }
    }

    [Fact]
    public async Task A_batch_with_one_bad_item_stores_nothing_and_names_each_bad_index()
    {
        using var response = await Client.PostJsonAsync($"{Http.Tasks}/batch", """
            {"tasks": [
              {"activity_type": "ok", "input": 1},
              {"activity_type": "", "input": 2},
              {"activity_type": "ok"},
              {"activity_type": "ok", "input": 4, "options": {"max_attempts": 0}}
            ]}
            """);
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal(["tasks[1].activity_type", "tasks[2].input", "tasks[3].options.max_attempts"], fields);

        using var list = await Client.GetAsync(Http.Tasks);
        Assert.Equal(0, (await list.ReadJsonAsync()).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task A_batch_of_1000_is_accepted()
    {
        var items = string.Join(",", Enumerable.Range(0, 1000).Select(i => $$"""{"activity_type":"bulk","input":{{i}}}"""));
        using var response = await Client.PostJsonAsync($"{Http.Tasks}/batch", $$"""{"tasks":[{{items}}]}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ids = (await response.ReadJsonAsync()).GetProperty("task_ids");
        Assert.Equal(1000, ids.GetArrayLength());
        Assert.Equal(999, (await Client.GetTaskAsync(ids[999].GetString()!)).GetProperty("input").GetInt32());
    }

    [Fact]
    public async Task Json_with_a_charset_and_a_json_suffix_media_type_are_accepted()
    {
        using var withCharset = new StringContent("""{"activity_type":"a","input":1}""");
        withCharset.Headers.ContentType = Http.MediaType("application/json; charset=utf-8");
        using var response = await Client.PostAsync(Http.Tasks, withCharset);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        using var suffixed = new StringContent("""{"activity_type":"a","input":1}""");
        suffixed.Headers.ContentType = Http.MediaType("application/vnd.durq+json");
        using var second = await Client.PostAsync(Http.Tasks, suffixed);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
    }

    [Fact]
    public async Task The_fetch_example_body_is_accepted_as_sent()
    {
        // The seed's fetch example sends a compact body with the same content.
        var id = await Client.EnqueueAsync("""{"activity_type":"session.run","input":"example","options":{"max_attempts":3,"priority":10}}""");
        var task = await Client.GetTaskAsync(id);
        Assert.Equal(JsonValueKind.String, task.GetProperty("input").ValueKind);
    }
}
