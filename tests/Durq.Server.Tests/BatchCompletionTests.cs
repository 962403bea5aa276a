using System.Net;

namespace Durq.Server.Tests;

/// <summary><c>POST /tasks/complete</c>: many completions in one request, each standing or falling alone.</summary>
public sealed class BatchCompletionTests() : ApiTest(new DurqApiFactory())
{
    private const string Type = "batch.work";
    private const string Route = WorkerApi.Root + "/tasks/complete";

    private static string Completion(System.Text.Json.JsonElement claimed, string result = "") =>
        $$"""{"task_id":"{{claimed.GetProperty("id").GetString()}}","lease_id":"{{claimed.GetProperty("lease_id").GetString()}}"{{result}}}""";

    [Fact]
    public async Task Every_live_completion_completes_and_the_refused_ones_are_named_in_order()
    {
        for (var i = 0; i < 3; i++)
        {
            await Client.EnqueueAsync($$"""{"activity_type":"{{Type}}","input":{{i}}}""");
        }

        var claimed = await Client.ClaimAsync("w1", Type, maxTasks: 3);
        var missing = Guid.CreateVersion7();
        var body = $$"""
            {"completions":[
              {{Completion(claimed[0], ""","result":{"n":0}""")}},
              {"task_id":"{{missing}}","lease_id":"{{Guid.CreateVersion7()}}"},
              {"task_id":"{{claimed[1].GetProperty("id").GetString()}}","lease_id":"{{Guid.CreateVersion7()}}"},
              {{Completion(claimed[2])}}
            ]}
            """;
        using var response = await Client.PostJsonAsync(Route, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.ReadJsonAsync()).GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(4, results.Count);
        Assert.True(results[0].GetProperty("completed").GetBoolean());
        Assert.Equal("not_found", results[1].GetProperty("code").GetString());
        Assert.Equal(missing.ToString(), results[1].GetProperty("task_id").GetString());
        Assert.Equal("lease_lost", results[2].GetProperty("code").GetString());
        Assert.True(results[3].GetProperty("completed").GetBoolean());

        var first = await Client.GetTaskAsync(claimed[0].GetProperty("id").GetString()!);
        Assert.Equal("completed", first.GetProperty("status").GetString());
        Assert.Equal("""{"n":0}""", first.GetProperty("result").GetRawText());
        Assert.Equal("claimed", (await Client.GetTaskAsync(claimed[1].GetProperty("id").GetString()!)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"completions":[]}""", "completions")]
    [InlineData("""{"completions":[{"task_id":"x","lease_id":"0193b5a0-0000-7000-8000-000000000001"}]}""", "completions[0].task_id")]
    [InlineData("""{"completions":[{"task_id":"0193b5a0-0000-7000-8000-000000000001","lease_id":"y"}]}""", "completions[0].lease_id")]
    [InlineData("""{"completions":[{"task_id":"0193b5a0-0000-7000-8000-000000000001"}]}""", "lease_id")]
    public async Task A_bad_batch_names_the_bad_field_and_completes_nothing(string body, string field)
    {
        using var response = await Client.PostJsonAsync(Route, body);
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains(field, problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task More_than_500_completions_are_refused()
    {
        var item = $$"""{"task_id":"{{Guid.CreateVersion7()}}","lease_id":"{{Guid.CreateVersion7()}}"}""";
        using var response = await Client.PostJsonAsync(Route, $$"""{"completions":[{{string.Join(",", Enumerable.Repeat(item, 501))}}]}""");
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
    }
}
