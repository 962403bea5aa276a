using System.Net;

namespace Durq.Server.Tests;

/// <summary><c>DELETE /tasks/{id}</c>, <c>POST /dlq/purge</c>, and retry and purge of many needing a filter or <c>all</c>.</summary>
public sealed class HousekeepingApiTests() : ApiTest(new DurqApiFactory())
{
    private const string Dlq = WorkerApi.Root + "/dlq";

    [Theory]
    [InlineData("/retry", "")]
    [InlineData("/retry", "{}")]
    [InlineData("/retry", """{"all":false}""")]
    [InlineData("/purge", "")]
    [InlineData("/purge", "{}")]
    public async Task Retrying_or_purging_many_without_a_filter_or_all_is_refused_and_changes_nothing(string route, string body)
    {
        var dead = await DeadTaskAsync("email.send");

        using var response = await Client.PostAsync(Dlq + route, Http.Json(body));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal("all", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal("dead", (await Client.GetTaskAsync(dead)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task All_true_retries_every_dead_task_and_a_filter_purges_only_its_own()
    {
        var email = await DeadTaskAsync("email.send");
        var sms = await DeadTaskAsync("sms.send");

        using var purge = await Client.PostAsync(Dlq + "/purge", Http.Json("""{"activity_type":"sms.send"}"""));
        Assert.Equal(1, (await purge.ReadJsonAsync()).GetProperty("deleted").GetInt32());
        using var retry = await Client.PostAsync(Dlq + "/retry", Http.Json("""{"all":true}"""));
        Assert.Equal(1, (await retry.ReadJsonAsync()).GetProperty("retried").GetInt32());

        Assert.Equal("pending", (await Client.GetTaskAsync(email)).GetProperty("status").GetString());
        using var gone = await Client.GetAsync(Http.Tasks + "/" + sms);
        await gone.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_claimed_task_is_not_deleted_and_a_pending_one_is()
    {
        var running = await Client.EnqueueAsync("""{"activity_type":"email.send","input":{}}""");
        await Client.RegisterAsync("w1", "email.send");
        await Client.ClaimOneAsync("w1", "email.send");
        var waiting = await Client.EnqueueAsync("""{"activity_type":"email.send","input":{}}""");

        using var refused = await Client.DeleteEmptyAsync(Http.Tasks + "/" + running);
        using var deleted = await Client.DeleteEmptyAsync(Http.Tasks + "/" + waiting);

        await refused.AssertProblemAsync(HttpStatusCode.Conflict, "task_claimed");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await Client.GetAsync(Http.Tasks + "/" + waiting);
        await gone.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    private async Task<string> DeadTaskAsync(string activityType)
    {
        var id = await Client.EnqueueAsync($$$"""{"activity_type":"{{{activityType}}}","input":{}}""");
        await Client.RegisterAsync("killer", activityType);
        var claimed = await Client.ClaimOneAsync("killer", activityType);
        await Client.ReportOkAsync(claimed, "fail", ""","error":{"message":"no","type":"Fatal"},"retryable":false""");
        return id;
    }
}
