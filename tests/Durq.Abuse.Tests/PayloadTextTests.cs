using System.Net;
using System.Text;
using System.Text.Json;

namespace Durq.Abuse.Tests;

/// <summary>
/// Control characters (NUL included) inside JSON payloads and free text are accepted and kept exactly, alike on both
/// stores: they stay escaped in the stored JSON, so PostgreSQL's refusal of NUL in text never reaches them.
/// </summary>
public abstract class PayloadTextTests(Store store) : IAsyncLifetime
{
    private const string Api = "/api/v1/durable";
    private KestrelNode _node = null!;

    public async Task InitializeAsync() => _node = await KestrelNode.StartAsync(store);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task NUL_in_input_result_details_and_error_messages_is_kept_on_every_store()
    {
        var input = """{"s":"a\u0000b","t":"\n\t\u001b"}""";
        var created = await PostAsync("/tasks/batch", $$"""{"tasks":[{"activity_type":"nul","input":{{input}}},{"activity_type":"nul","input":{{input}}}]}""", HttpStatusCode.Created);
        var ids = created.GetProperty("task_ids").EnumerateArray().Select(i => i.GetString()!).ToArray();
        Assert.Equal(input, (await GetTaskAsync(ids[0])).GetProperty("input").GetRawText());

        var claimed = await PostAsync("/tasks/claim", """{"worker_id":"w","activity_types":["nul"],"max_tasks":2}""", HttpStatusCode.OK);
        var leases = claimed.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("lease_id").GetString()!);
        await PostAsync($"/tasks/{ids[0]}/heartbeat", $$$"""{"lease_id":"{{{leases[ids[0]]}}}","details":{"d":"\u0000"}}""", HttpStatusCode.OK);
        await PostAsync($"/tasks/{ids[0]}/complete", $$"""{"lease_id":"{{leases[ids[0]]}}","result":"r\u0000"}""", HttpStatusCode.OK);
        await PostAsync($"/tasks/{ids[1]}/fail", $$$"""{"lease_id":"{{{leases[ids[1]]}}}","error":{"message":"m\u0000\nline 2"},"retryable":false}""", HttpStatusCode.OK);

        Assert.Equal("\"r\\u0000\"", (await GetTaskAsync(ids[0])).GetProperty("result").GetRawText());
        Assert.Equal("m\0\nline 2", (await GetTaskAsync(ids[1])).GetProperty("last_error").GetProperty("message").GetString());
    }

    private async Task<JsonElement> PostAsync(string path, string body, HttpStatusCode status)
    {
        using var response = await _node.Client.PostAsync(Api + path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> GetTaskAsync(string id)
    {
        using var response = await _node.Client.GetAsync($"{Api}/tasks/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}

public sealed class SqlitePayloadTextTests() : PayloadTextTests(Store.Sqlite);

public sealed class PostgresPayloadTextTests() : PayloadTextTests(Store.Postgres);
