using System.Net;
using Durq.Core.Keys;
using Durq.Server.Tests.Auth;
using static Durq.Server.Tests.ProblemCase;

namespace Durq.Server.Tests;

/// <summary>
/// Every problem code the server can answer, provoked through HTTP, with what its hint must say in that case. The codes
/// a node in memory cannot provoke are named in <see cref="Elsewhere"/> with the suite that provokes them for real.
/// </summary>
internal static class ProblemCases
{
    private const string Root = WorkerApi.Root;
    private const string Tasks = Http.Tasks;
    private const string TaskHref = Tasks + "/{task}";

    /// <summary>
    /// Codes that need what the in-memory server lacks — a real connection (Kestrel's own refusals), a database that
    /// breaks, or a bug — with the tests that provoke them; those tests check the allowed action too.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Elsewhere = new Dictionary<string, string>
    {
        ["bad_request"] = "Durq.Abuse.Tests.KestrelRejectionTests",
        ["request_timeout"] = "Durq.Abuse.Tests.KestrelRejectionTests (a body that stops arriving)",
        ["uri_too_long"] = "Durq.Abuse.Tests.KestrelRejectionTests",
        ["request_headers_too_large"] = "Durq.Abuse.Tests.KestrelRejectionTests",
        ["http_version_not_supported"] = "Durq.Abuse.Tests.KestrelRejectionTests",
        ["storage_read_only"] = "StorageFaultTests (a read-only database file)",
        ["storage_corrupt"] = "StorageFaultTests (a damaged page)",
        ["unavailable"] = "StoreFailureTests (a store that is restarting)",
        ["internal_error"] = "StoreFailureTests (a store that throws)",
    };

    public static readonly IReadOnlyList<ProblemCase> All =
    [
        new("malformed JSON", "invalid_json", HttpStatusCode.BadRequest, (_, c) => Answer(c.PostJsonAsync(Tasks, "{\"activity_type\":")))
        { HintHas = ["well-formed JSON"] },
        new("a malformed task id", "invalid_id", HttpStatusCode.BadRequest, (_, c) => Answer(c.GetAsync(Tasks + "/not-an-id")))
        { HintHas = ["task_id"] },
        new("an unknown status filter", "invalid_query", HttpStatusCode.BadRequest, (_, c) => Answer(c.GetAsync(Tasks + "?status=done")))
        { HintHas = ["pending"] },
        new("an empty activity type", "validation_failed", HttpStatusCode.UnprocessableEntity,
            (_, c) => Answer(c.PostJsonAsync(Tasks, """{"activity_type":"","input":{}}""")))
        { HintHas = ["empty"], HintLacks = ["Shorten"], Fields = ["activity_type"] },
        new("a too long activity type", "validation_failed", HttpStatusCode.UnprocessableEntity,
            (_, c) => Answer(c.PostJsonAsync(Tasks, $$$"""{"activity_type":"{{{new string('a', 201)}}}","input":{}}""")))
        { HintHas = ["Shorten 'activity_type' to <= 200 chars."], Fields = ["activity_type"] },
        new("a delay out of range", "validation_failed", HttpStatusCode.UnprocessableEntity,
            (_, c) => Answer(c.PostJsonAsync(Tasks, """{"activity_type":"a","input":{},"options":{"delay_seconds":-1}}""")))
        { HintHas = ["between 0 and 31536000"], HintLacks = ["between 0 to"], Fields = ["options.delay_seconds"] },
        new("a claim missing fields with others out of range", "validation_failed", HttpStatusCode.UnprocessableEntity,
            (_, c) => Answer(c.PostJsonAsync(Root + "/tasks/claim", """{"max_tasks":9999,"wait_ms":-5}""")))
        { HintHas = ["worker_id", "max_tasks", "wait_ms"], Fields = ["worker_id", "activity_types", "max_tasks", "wait_ms"] },
        new("a failure report missing its lease with a bad error type", "validation_failed", HttpStatusCode.UnprocessableEntity,
            (_, c) => Answer(c.PostJsonAsync($"{Tasks}/{Guid.CreateVersion7()}/fail", "{\"error\":{\"message\":\"m\",\"type\":\"a\\u0000b\"}}")))
        { Fields = ["lease_id", "error.type"] },
        new("a text/plain body", "unsupported_media_type", HttpStatusCode.UnsupportedMediaType,
            (_, c) => Answer(c.PostAsync(Tasks, new StringContent("""{"activity_type":"a","input":{}}"""))))
        { HintHas = ["Content-Type: application/json"] },
        new("a body over the limit", "payload_too_large", HttpStatusCode.RequestEntityTooLarge,
            (_, c) => Answer(c.PostJsonAsync(Tasks, $$$"""{"activity_type":"a","input":"{{{new string('x', 5000)}}}"}""")))
        { Settings = new() { ["Limits:MaxRequestBytes"] = "4096", ["Limits:MaxInputBytes"] = "1024" }, HintHas = ["smaller body"] },
        new("an unknown task", "not_found", HttpStatusCode.NotFound, (_, c) => Answer(c.GetAsync($"{Tasks}/{Guid.CreateVersion7()}")))
        { HintHas = ["task id"], Href = Tasks },
        new("an unknown worker", "not_found", HttpStatusCode.NotFound, (_, c) => Answer(c.PostEmptyAsync($"{Root}/workers/nobody/drain")))
        { HintHas = ["registers"], Href = Root + "/workers" },
        new("an unknown route", "not_found", HttpStatusCode.NotFound, (_, c) => Answer(c.GetAsync(Root + "/nothing-here")))
        { HintHas = ["/api/v1/durable", "/openapi/v1.json"] },
        new("a wrong method", "method_not_allowed", HttpStatusCode.MethodNotAllowed, (_, c) => Answer(c.PutAsync(Tasks, Http.Json("{}"))))
        { HintHas = ["Allow header"] },
        new("no key once keys exist", "unauthorized", HttpStatusCode.Unauthorized, async (node, c) =>
        {
            await node.CreateKeyAsync("alpha", ApiScopes.Read);
            return await Answer(c.GetAsync(Tasks));
        }) { HintHas = ["Authorization: Bearer", "durq keys create"] },
        new("a key without the scope", "forbidden", HttpStatusCode.Forbidden, async (node, _) =>
        {
            var reader = node.CreateClient((await node.CreateKeyAsync("alpha", ApiScopes.Read)).Token);
            return await Answer(reader.PostJsonAsync(Tasks, """{"activity_type":"a","input":{}}"""));
        }) { HintHas = ["'enqueue' scope"] },
        new("cancelling a cancelled task", "not_cancellable", HttpStatusCode.Conflict, async (_, c) =>
        {
            var id = await c.EnqueueAsync("""{"activity_type":"a","input":{}}""");
            (await c.PostEmptyAsync($"{Tasks}/{id}/cancel")).Dispose();
            return new(await c.PostEmptyAsync($"{Tasks}/{id}/cancel"), id);
        }) { Rel = "get-existing", Href = TaskHref, HintHas = ["nothing left to cancel"], DetailHas = ["is cancelled"] },
        new("retrying a pending task from the DLQ", "not_dead", HttpStatusCode.Conflict, async (_, c) =>
        {
            var id = await c.EnqueueAsync("""{"activity_type":"a","input":{}}""");
            return new(await c.PostEmptyAsync($"{Root}/dlq/{id}/retry"), id);
        }) { Rel = "get-existing", Href = TaskHref, HintHas = ["only a dead task"], DetailHas = ["is pending"] },
        new("deleting a task a worker runs", "task_claimed", HttpStatusCode.Conflict, async (_, c) =>
        {
            var id = await c.EnqueueAsync("""{"activity_type":"a","input":{}}""");
            await c.ClaimOneAsync("w1", "a");
            return new(await c.DeleteEmptyAsync($"{Tasks}/{id}"), id);
        }) { Rel = "get-existing", Href = TaskHref, HintHas = ["Cancel the task"], DetailHas = ["is claimed"] },
        new("a second failure report under the same lease", "lease_lost", HttpStatusCode.Conflict, async (_, c) =>
        {
            var id = await c.EnqueueAsync("""{"activity_type":"a","input":{},"options":{"max_attempts":3}}""");
            var claimed = await c.ClaimOneAsync("w1", "a");
            const string error = ""","error":{"message":"boom","type":"Boom"}""";
            (await c.ReportAsync(claimed, "fail", error)).Dispose();
            return new(await c.ReportAsync(claimed, "fail", error), id);
        })
        {
            Rel = "get-existing", Href = TaskHref, HintHas = ["Stop working on the task"],
            DetailHas = ["a failure of attempt 1 (type 'Boom') was already reported", "pending now"], DetailLacks = ["expired", "claimed again"],
        },
        new("a completion after the task was cancelled", "lease_lost", HttpStatusCode.Conflict, async (node, c) =>
        {
            var id = await c.EnqueueAsync("""{"activity_type":"a","input":{}}""");
            var claimed = await c.ClaimOneAsync("w1", "a");
            (await c.PostEmptyAsync($"{Tasks}/{id}/cancel")).Dispose();
            (await c.ReportAsync(claimed, "fail", ""","error":{"message":"stopped"}""")).Dispose();
            return new(await c.ReportAsync(claimed, "complete"), id);
        }) { Rel = "get-existing", Href = TaskHref, DetailHas = ["was cancelled"], DetailLacks = ["expired"] },
        new("a heartbeat after the lease ran out", "lease_lost", HttpStatusCode.Conflict, async (node, c) =>
        {
            var id = await c.EnqueueAsync("""{"activity_type":"a","input":{},"options":{"heartbeat_timeout_seconds":5}}""");
            var claimed = await c.ClaimOneAsync("w1", "a");
            node.Clock.Advance(TimeSpan.FromSeconds(6));
            return new(await c.ReportAsync(claimed, "heartbeat"), id);
        }) { Rel = "get-existing", Href = TaskHref, DetailHas = ["expired at"], DetailLacks = ["claimed again"] },
        new("a completion after another worker claimed the task", "lease_lost", HttpStatusCode.Conflict, async (node, c) =>
        {
            var id = await c.EnqueueAsync("""{"activity_type":"a","input":{}}""");
            var first = await c.ClaimOneAsync("w1", "a");
            (await c.DeleteEmptyAsync($"{Root}/workers/w1")).Dispose();
            await c.ClaimOneAsync("w2", "a");
            return new(await c.ReportAsync(first, "complete"), id);
        }) { Rel = "get-existing", Href = TaskHref, DetailHas = ["claimed under another lease, by 'w2' (attempt 1)"] },
        new("a second schedule of a name", "schedule_exists", HttpStatusCode.Conflict, async (_, c) =>
        {
            const string schedule = """{"name":"nightly","activity_type":"a","input":{},"cron":"0 2 * * *"}""";
            using var first = await c.PostJsonAsync(Root + "/schedules", schedule);
            var id = (await first.ReadJsonAsync()).GetProperty("id").GetString();
            return new(await c.PostJsonAsync(Root + "/schedules", schedule), id);
        }) { Rel = "get-existing", Href = Root + "/schedules/{task}", HintHas = ["choose another name"], DetailHas = ["'nightly' exists already"] },
        new("a reused idempotency key", "idempotency_key_reused", HttpStatusCode.Conflict, async (_, c) =>
        {
            (await Keyed(c, "k1", "1")).Dispose();
            return await Answer(Keyed(c, "k1", "2"));
        }) { Rel = "get-existing", HintHas = ["new Idempotency-Key"] },
        new("a full queue", "queue_full", HttpStatusCode.TooManyRequests, async (_, c) =>
        {
            await c.EnqueueAsync("""{"activity_type":"a","input":{}}""");
            return await Answer(c.PostJsonAsync(Tasks, """{"activity_type":"a","input":{}}"""));
        }) { Settings = new() { ["Queue:MaxPending"] = "1" }, Rel = "retry-later", HintHas = ["Retry after 5 seconds."] },
        new("one worker too many", "worker_limit_reached", HttpStatusCode.TooManyRequests, async (_, c) =>
        {
            await c.RegisterAsync("w1", "a");
            return await Answer(c.PutAsync($"{Root}/workers/w2", Http.Json("""{"activity_types":["a"]}""")));
        }) { Settings = new() { ["Workers:MaxPerTenant"] = "1" }, Rel = "retry-later", HintHas = ["Retry after"] },
        new("requests over the key's rate", "rate_limited", HttpStatusCode.TooManyRequests, async (node, _) =>
        {
            var client = node.CreateClient((await node.CreateKeyAsync("alpha", ApiScopes.Read)).Token);
            for (var i = 0; ; i++)
            {
                var response = await client.GetAsync(Root + "/health");
                if (response.StatusCode == HttpStatusCode.TooManyRequests || i == 20)
                {
                    return new(response, null);
                }

                response.Dispose();
            }
        }) { Settings = new() { ["Limits:RequestsPerSecondPerKey"] = "1" }, Rel = "retry-later", HintHas = ["Retry after"] },
        new("a full database", "storage_full", HttpStatusCode.ServiceUnavailable, async (_, c) =>
        {
            // SQLite's page cap (Storage:MaxDatabaseBytes) answers as a full disk does (StorageFaultTests).
            var input = System.Text.Json.JsonSerializer.Serialize(new string('x', 60_000));
            for (var i = 0; ; i++)
            {
                var response = await c.PostJsonAsync(Tasks, $$"""{"activity_type":"a","input":{{input}}}""");
                if (response.StatusCode != HttpStatusCode.Created || i == 20)
                {
                    return new(response, null);
                }

                response.Dispose();
            }
        }) { Settings = new() { ["Storage:MaxDatabaseBytes"] = "262144" }, Rel = "retry-later", HintHas = ["Retry after 30 seconds."] },
    ];

    private static Task<HttpResponseMessage> Keyed(HttpClient client, string key, string input)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Tasks) { Content = Http.Json($$"""{"activity_type":"a","input":{{input}}}""") };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
