using System.Net;
using System.Text.Json;

namespace Durq.Server.Tests;

/// <summary><c>/schedules</c> over HTTP: validation, names unique per tenant, pause, resume, trigger, executions, and the node's firer on its clock.</summary>
public sealed class SchedulesApiTests() : ApiTest(new DurqApiFactory())
{
    private const string Schedules = WorkerApi.Root + "/schedules";

    // The factory's clock starts at 2026-11-29T12:00:00Z.
    private const string EveryTenSeconds = """{"name":"tick","activity_type":"report.build","input":{"n":1},"cron":"*/10 * * * * *"}""";

    private async Task<JsonElement> CreateAsync(string body)
    {
        using var response = await Client.PostJsonAsync(Schedules, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var schedule = await response.ReadJsonAsync();
        Assert.Equal(Schedules + "/" + schedule.GetProperty("id").GetString(), response.Headers.Location?.ToString());
        return schedule;
    }

    private async Task<JsonElement> PostOkAsync(string url)
    {
        using var response = await Client.PostEmptyAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private async Task<List<JsonElement>> ExecutionsAsync(string id, string query = "")
    {
        using var response = await Client.GetAsync($"{Schedules}/{id}/executions{query}");
        return [.. (await response.ReadJsonAsync()).GetProperty("data").EnumerateArray()];
    }

    [Fact]
    public async Task A_created_schedule_answers_its_defaults_and_next_fire_time()
    {
        var schedule = await CreateAsync(
            """{"name":"nightly","activity_type":"report.build","input":{"day":"today"},"options":{"max_attempts":2},"cron":"30 2 * * *","time_zone":"Europe/Berlin"}""");

        Assert.Equal("nightly", schedule.GetProperty("name").GetString());
        Assert.Equal("Europe/Berlin", schedule.GetProperty("time_zone").GetString());
        Assert.Equal(("allow", "none", false), (schedule.GetProperty("overlap").GetString(), schedule.GetProperty("catch_up").GetString(), schedule.GetProperty("paused").GetBoolean()));
        Assert.Equal(2, schedule.GetProperty("options").GetProperty("max_attempts").GetInt32());
        Assert.Equal("today", schedule.GetProperty("input").GetProperty("day").GetString());
        Assert.Equal("2026-11-30T01:30:00.000Z", schedule.GetProperty("next_fire_at").GetString());
        using var read = await Client.GetAsync(Schedules + "/" + schedule.GetProperty("id").GetString());
        Assert.Equal(schedule.GetRawText(), (await read.ReadJsonAsync()).GetRawText());
    }

    [Fact]
    public async Task Bad_members_are_refused_naming_each_one()
    {
        using var response = await Client.PostJsonAsync(Schedules,
            """{"name":"","activity_type":"no spaces","cron":"61 * * * *","time_zone":"Mars/Olympus","overlap":"sometimes","catch_up":"most","options":{"run_at":"2027-01-01T00:00:00Z","max_attempts":0},"colour":"red"}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Order().ToList();
        Assert.Equal(
            ["activity_type", "catch_up", "colour", "cron", "input", "name", "options.max_attempts", "options.run_at", "overlap", "time_zone"], fields);
    }

    [Theory]
    [InlineData("* * * *")]
    [InlineData("* * * * * * *")]
    [InlineData("0 25 * * *")]
    public async Task A_cron_of_the_wrong_shape_names_the_cron(string cron)
    {
        using var response = await Client.PostJsonAsync(Schedules, $$"""{"name":"x","activity_type":"a","input":null,"cron":"{{cron}}"}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal("cron", Assert.Single(problem.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_second_schedule_of_a_name_is_a_conflict_pointing_at_the_first()
    {
        var first = await CreateAsync(EveryTenSeconds);

        using var response = await Client.PostJsonAsync(Schedules, EveryTenSeconds);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "schedule_exists");
        var action = problem.GetProperty("allowed_actions")[0];
        Assert.Equal("get-existing", action.GetProperty("rel").GetString());
        Assert.Equal(Schedules + "/" + first.GetProperty("id").GetString(), action.GetProperty("href").GetString());
    }

    [Fact]
    public async Task The_firer_enqueues_each_fire_time_once_with_the_schedule_and_the_time_on_the_task()
    {
        var schedule = await CreateAsync(EveryTenSeconds);
        var id = schedule.GetProperty("id").GetString()!;

        var executions = await WaitUntil.ConditionAsync(() => ExecutionsAsync(id), e => e.Count >= 2, "two fires", Factory.Clock);

        var fired = executions[^1];
        Assert.Equal(("cron", "fired", "2026-11-29T12:00:10.000Z"),
            (fired.GetProperty("kind").GetString(), fired.GetProperty("outcome").GetString(), fired.GetProperty("scheduled_for").GetString()));
        var task = await Client.GetTaskAsync(fired.GetProperty("task_id").GetString()!);
        Assert.Equal(id, task.GetProperty("schedule_id").GetString());
        Assert.Equal("2026-11-29T12:00:10.000Z", task.GetProperty("scheduled_for").GetString());
        Assert.Equal(1, task.GetProperty("input").GetProperty("n").GetInt32());
        Assert.Equal(["2026-11-29T12:00:20.000Z", "2026-11-29T12:00:10.000Z"], executions.Take(2).Select(e => e.GetProperty("scheduled_for").GetString()));
    }

    [Fact]
    public async Task Pause_clears_the_next_fire_time_resume_sets_it_from_now_and_trigger_fires_either_way()
    {
        var id = (await CreateAsync(EveryTenSeconds)).GetProperty("id").GetString()!;

        var paused = await PostOkAsync($"{Schedules}/{id}/pause");
        var triggered = await PostOkAsync($"{Schedules}/{id}/trigger");
        Factory.Clock.Advance(TimeSpan.FromSeconds(25));
        var resumed = await PostOkAsync($"{Schedules}/{id}/resume");

        Assert.True(paused.GetProperty("paused").GetBoolean());
        Assert.False(paused.TryGetProperty("next_fire_at", out _));
        Assert.Equal(("trigger", "fired", "2026-11-29T12:00:00.000Z"),
            (triggered.GetProperty("kind").GetString(), triggered.GetProperty("outcome").GetString(), triggered.GetProperty("scheduled_for").GetString()));
        Assert.Equal("2026-11-29T12:00:30.000Z", resumed.GetProperty("next_fire_at").GetString());
        Assert.Single(await ExecutionsAsync(id));
        var task = await Client.GetTaskAsync(triggered.GetProperty("task_id").GetString()!);
        Assert.Equal(id, task.GetProperty("schedule_id").GetString());
    }

    [Fact]
    public async Task Overlap_skip_shows_a_skipped_execution_while_the_last_task_waits()
    {
        var id = (await CreateAsync(
            """{"name":"tick","activity_type":"report.build","input":{},"cron":"*/10 * * * * *","overlap":"skip","paused":true}""")).GetProperty("id").GetString()!;

        await PostOkAsync($"{Schedules}/{id}/trigger");
        Factory.Clock.Advance(TimeSpan.FromMilliseconds(5));
        var skipped = await PostOkAsync($"{Schedules}/{id}/trigger");

        Assert.Equal(("skipped", "overlap"), (skipped.GetProperty("outcome").GetString(), skipped.GetProperty("reason").GetString()));
        Assert.False(skipped.TryGetProperty("task_id", out _));
        Assert.Equal(["skipped", "fired"], (await ExecutionsAsync(id)).Select(e => e.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task Patch_changes_what_it_names_and_renaming_onto_a_taken_name_is_a_conflict()
    {
        var id = (await CreateAsync(EveryTenSeconds)).GetProperty("id").GetString()!;
        await CreateAsync(EveryTenSeconds.Replace("\"tick\"", "\"other\"", StringComparison.Ordinal));

        using var patched = await Client.PatchAsync($"{Schedules}/{id}", Http.Json("""{"cron":"0 0 * * *","time_zone":"America/New_York","catch_up":"all"}"""));
        using var taken = await Client.PatchAsync($"{Schedules}/{id}", Http.Json("""{"name":"other"}"""));
        using var bad = await Client.PatchAsync($"{Schedules}/{id}", Http.Json("""{"time_zone":"Nowhere/Else"}"""));

        var schedule = await patched.ReadJsonAsync();
        Assert.Equal(("0 0 * * *", "all", "2026-11-30T05:00:00.000Z"),
            (schedule.GetProperty("cron").GetString(), schedule.GetProperty("catch_up").GetString(), schedule.GetProperty("next_fire_at").GetString()));
        Assert.Equal("tick", schedule.GetProperty("name").GetString());
        await taken.AssertProblemAsync(HttpStatusCode.Conflict, "schedule_exists");
        await bad.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
    }

    [Fact]
    public async Task List_pages_and_delete_removes_a_schedule_for_good()
    {
        var ids = new List<string>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            ids.Add((await CreateAsync(EveryTenSeconds.Replace("\"tick\"", $"\"{name}\"", StringComparison.Ordinal))).GetProperty("id").GetString()!);
        }

        using var first = await Client.GetAsync(Schedules + "?limit=2");
        var page = await first.ReadJsonAsync();
        using var second = await Client.GetAsync(Schedules + "?limit=2&cursor=" + page.GetProperty("next_cursor").GetString());
        var rest = await second.ReadJsonAsync();
        using var deleted = await Client.DeleteEmptyAsync($"{Schedules}/{ids[1]}");
        using var gone = await Client.GetAsync($"{Schedules}/{ids[1]}");
        using var goneExecutions = await Client.GetAsync($"{Schedules}/{ids[1]}/executions");

        Assert.Equal(ids, page.GetProperty("data").EnumerateArray().Concat(rest.GetProperty("data").EnumerateArray()).Select(s => s.GetProperty("id").GetString()));
        Assert.False(rest.TryGetProperty("next_cursor", out _));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await gone.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await goneExecutions.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("/schedules/not-a-uuid")]
    [InlineData("/schedules/not-a-uuid/executions")]
    public async Task A_malformed_id_is_an_invalid_id(string path)
    {
        using var response = await Client.GetAsync(WorkerApi.Root + path);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_id");
    }

    [Theory]
    [InlineData("?cursor=yesterday")]
    [InlineData("?cursor=12.daily")]
    [InlineData("?limit=0")]
    public async Task A_bad_executions_query_is_an_invalid_query(string query)
    {
        var id = (await CreateAsync(EveryTenSeconds)).GetProperty("id").GetString()!;

        using var response = await Client.GetAsync($"{Schedules}/{id}/executions{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_query");
    }
}
