using System.Net;
using System.Text.Json;

namespace Durq.Server.Tests;

/// <summary><c>/activity-types</c> and <c>/circuit-breakers</c> over HTTP: settings a claim obeys, their validation, the breaker's routes.</summary>
public sealed class ActivityTypesApiTests() : ApiTest(new DurqApiFactory())
{
    private const string Types = WorkerApi.Root + "/activity-types";
    private const string Breakers = WorkerApi.Root + "/circuit-breakers";

    [Fact]
    public async Task A_member_left_out_stays_and_one_sent_as_null_is_cleared()
    {
        await PutOkAsync("email.send", """{"max_concurrency":5,"rate_limit":{"per_second":2.5},"circuit":{"failure_threshold":4}}""");

        var paused = await PutOkAsync("email.send", """{"paused":true}""");
        var settings = paused.GetProperty("settings");
        Assert.True(settings.GetProperty("paused").GetBoolean());
        Assert.Equal(5, settings.GetProperty("max_concurrency").GetInt32());
        Assert.Equal(2.5, settings.GetProperty("rate_limit").GetProperty("per_second").GetDouble());
        Assert.Equal(3, settings.GetProperty("rate_limit").GetProperty("burst").GetInt32());
        Assert.Equal(30, settings.GetProperty("circuit").GetProperty("open_seconds").GetInt32());

        var cleared = (await PutOkAsync("email.send", """{"max_concurrency":null,"rate_limit":null,"paused":null}""")).GetProperty("settings");
        Assert.False(cleared.GetProperty("paused").GetBoolean());
        Assert.False(cleared.TryGetProperty("max_concurrency", out _));
        Assert.False(cleared.TryGetProperty("rate_limit", out _));
        Assert.Equal(4, cleared.GetProperty("circuit").GetProperty("failure_threshold").GetInt32());
    }

    [Fact]
    public async Task A_paused_type_is_not_handed_to_workers_until_it_is_resumed()
    {
        await Client.EnqueueAsync("""{"activity_type":"email.send","input":{}}""");
        await Client.RegisterAsync("w1", "email.send");

        await PutOkAsync("email.send", """{"paused":true}""");
        Assert.Empty(await Client.ClaimAsync("w1", "email.send"));

        await PutOkAsync("email.send", """{"paused":false}""");
        Assert.Single(await Client.ClaimAsync("w1", "email.send"));
    }

    [Fact]
    public async Task Bad_settings_are_refused_naming_every_bad_member()
    {
        using var response = await Client.PutAsync(Types + "/email.send", Http.Json(
            """{"paused":"yes","max_concurrency":0,"rate_limit":{"burst":0},"circuit":{"failure_threshold":1,"open_seconds":999999},"colour":"red"}"""));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Order().ToList();
        Assert.Equal(["circuit.open_seconds", "colour", "max_concurrency", "paused", "rate_limit.burst", "rate_limit.per_second"], fields);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"rate_limit":5}""")]
    [InlineData("""{"circuit":"on"}""")]
    public async Task A_body_of_the_wrong_shape_is_a_validation_problem(string body)
    {
        using var response = await Client.PutAsync(Types + "/email.send", Http.Json(body));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
    }

    [Fact]
    public async Task A_malformed_activity_type_in_the_route_is_an_invalid_id()
    {
        using var response = await Client.GetAsync(Types + "/" + Uri.EscapeDataString("no spaces"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_id");
    }

    [Fact]
    public async Task The_list_shows_each_types_counts_and_settings()
    {
        await Client.EnqueueAsync("""{"activity_type":"email.send","input":{}}""");
        await Client.EnqueueAsync("""{"activity_type":"email.send","input":{}}""");
        await Client.RegisterAsync("w1", "sms.send");
        await PutOkAsync("report.build", """{"max_concurrency":2}""");

        using var response = await Client.GetAsync(Types);
        var data = (await response.ReadJsonAsync()).GetProperty("data").EnumerateArray().ToList();

        Assert.Equal(["email.send", "report.build", "sms.send"], data.Select(t => t.GetProperty("activity_type").GetString()));
        Assert.Equal(2, data[0].GetProperty("pending").GetInt64());
        Assert.Equal(0, data[0].GetProperty("workers").GetInt32());
        Assert.True(data[0].TryGetProperty("oldest_pending_at", out _));
        Assert.Equal(2, data[1].GetProperty("settings").GetProperty("max_concurrency").GetInt32());
        Assert.Equal(1, data[2].GetProperty("workers").GetInt32());
        Assert.Equal("closed", data[2].GetProperty("circuit").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_breaker_forced_open_holds_claims_back_until_it_is_closed_and_removing_it_leaves_none()
    {
        await Client.EnqueueAsync("""{"activity_type":"email.send","input":{}}""");
        await Client.RegisterAsync("w1", "email.send");
        using (var none = await Client.GetAsync(Breakers + "/email.send"))
        {
            await none.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        }

        using var opened = await Client.PostEmptyAsync(Breakers + "/email.send/open");
        var breaker = await opened.ReadJsonAsync();
        Assert.Equal("open", breaker.GetProperty("state").GetString());
        Assert.True(breaker.GetProperty("forced").GetBoolean());
        Assert.Empty(await Client.ClaimAsync("w1", "email.send"));
        using var list = await Client.GetAsync(Breakers);
        Assert.Single((await list.ReadJsonAsync()).GetProperty("data").EnumerateArray());

        using var closed = await Client.PostEmptyAsync(Breakers + "/email.send/close");
        Assert.Equal("closed", (await closed.ReadJsonAsync()).GetProperty("state").GetString());
        Assert.Single(await Client.ClaimAsync("w1", "email.send"));

        using var removed = await Client.DeleteEmptyAsync(Breakers + "/email.send");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using var gone = await Client.GetAsync(Breakers + "/email.send");
        await gone.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_breaker_opens_after_failed_attempts_in_a_row_and_says_when_it_probes()
    {
        await PutOkAsync("email.send", """{"circuit":{"failure_threshold":2,"open_seconds":60}}""");
        await Client.RegisterAsync("w1", "email.send");
        for (var i = 0; i < 3; i++)
        {
            await Client.EnqueueAsync("""{"activity_type":"email.send","input":{}}""");
        }

        foreach (var task in await Client.ClaimAsync("w1", "email.send", maxTasks: 2))
        {
            await Client.ReportOkAsync(task, "fail", ""","error":{"message":"smtp down"}""");
        }

        using var response = await Client.GetAsync(Breakers + "/email.send");
        var breaker = await response.ReadJsonAsync();
        Assert.Equal("open", breaker.GetProperty("state").GetString());
        Assert.Equal(2, breaker.GetProperty("consecutive_failures").GetInt32());
        Assert.Equal(
            breaker.GetProperty("opened_at").GetDateTimeOffset().AddSeconds(60),
            breaker.GetProperty("probe_at").GetDateTimeOffset());
        Assert.Empty(await Client.ClaimAsync("w1", "email.send"));
    }

    [Fact]
    public async Task Explain_names_what_holds_a_task_back_and_404s_another_id()
    {
        var id = await Client.EnqueueAsync("""{"activity_type":"email.send","input":{}}""");
        await PutOkAsync("email.send", """{"paused":true}""");

        using var response = await Client.GetAsync($"{Http.Tasks}/{id}/explain");
        var explanation = await response.ReadJsonAsync();
        using var missing = await Client.GetAsync($"{Http.Tasks}/{Guid.CreateVersion7()}/explain");

        Assert.Equal("pending", explanation.GetProperty("status").GetString());
        Assert.False(explanation.GetProperty("runnable").GetBoolean());
        Assert.Equal(
            ["activity_paused", "no_workers"],
            explanation.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        await missing.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    private async Task<JsonElement> PutOkAsync(string activityType, string body)
    {
        using var response = await Client.PutAsync(Types + "/" + activityType, Http.Json(body));
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT answered {(int)response.StatusCode}: {json}");
        return json;
    }
}
