using System.Net;

namespace Durq.Server.Tests;

public sealed class IdempotencyTests() : ApiTest(new DurqApiFactory())
{
    private Task<HttpResponseMessage> PostWithKeyAsync(string url, string key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Http.Json(body) };
        request.Headers.Add("Idempotency-Key", key);
        return Client.SendAsync(request);
    }

    [Fact]
    public async Task The_same_key_and_body_replays_the_first_answer()
    {
        using var first = await PostWithKeyAsync(Http.Tasks, "order-42", """{"activity_type":"a","input":{"n":1}}""");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await first.ReadJsonAsync()).GetProperty("task_id").GetString();

        // The same JSON, formatted differently, is the same request.
        using var replay = await PostWithKeyAsync(Http.Tasks, "order-42", """{ "activity_type": "a", "input": { "n": 1 } }""");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(id, (await replay.ReadJsonAsync()).GetProperty("task_id").GetString());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());

        using var list = await Client.GetAsync(Http.Tasks);
        Assert.Equal(1, (await list.ReadJsonAsync()).GetProperty("data").GetArrayLength());
        Assert.Equal("order-42", (await Client.GetTaskAsync(id!)).GetProperty("idempotency_key").GetString());
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_conflict_pointing_at_the_first_task()
    {
        using var first = await PostWithKeyAsync(Http.Tasks, "order-43", """{"activity_type":"a","input":1}""");
        var id = (await first.ReadJsonAsync()).GetProperty("task_id").GetString();

        using var reuse = await PostWithKeyAsync(Http.Tasks, "order-43", """{"activity_type":"a","input":2}""");
        var problem = await reuse.AssertProblemAsync(HttpStatusCode.Conflict, "idempotency_key_reused");
        var action = problem.GetProperty("allowed_actions")[0];
        Assert.Equal("get-existing", action.GetProperty("rel").GetString());
        Assert.Equal($"/api/v1/durable/tasks/{id}", action.GetProperty("href").GetString());
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_create_one_task()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            PostWithKeyAsync(Http.Tasks, "once", """{"activity_type":"a","input":1}""")));
        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            using (response)
            {
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK);
                ids.Add((await response.ReadJsonAsync()).GetProperty("task_id").GetString()!);
            }
        }

        Assert.Single(ids);
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
    }

    [Fact]
    public async Task A_batch_replays_all_its_ids()
    {
        const string body = """{"tasks":[{"activity_type":"a","input":1},{"activity_type":"b","input":2}]}""";
        using var first = await PostWithKeyAsync($"{Http.Tasks}/batch", "batch-1", body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var replay = await PostWithKeyAsync($"{Http.Tasks}/batch", "batch-1", body);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(
            (await first.ReadJsonAsync()).GetProperty("task_ids").GetRawText(),
            (await replay.ReadJsonAsync()).GetProperty("task_ids").GetRawText());
    }
}
