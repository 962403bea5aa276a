namespace Durq.Abuse.Tests;

/// <summary>The table of hostile requests: each row is a request an attacker or a broken client sends, and its answer.</summary>
public static class HostileRequests
{
    private const string Tasks = "/api/v1/durable/tasks";
    private const string Batch = Tasks + "/batch";
    private const string Claim = Tasks + "/claim";
    private const string Workers = "/api/v1/durable/workers";
    private const string Dlq = "/api/v1/durable/dlq";
    private const string Valid = """{"activity_type":"a","input":{}}""";
    private const string Lone = "\\ud800";
    private const string Nul = "\\u0000";

    private static HostileRequest Post(string name, string path, string body, int status, string code) => new(name, "POST", path, body, status, code);

    private static HostileRequest Put(string name, string path, string body, int status, string code) => new(name, "PUT", path, body, status, code);

    private static HostileRequest Get(string name, string path, int status, string code) => new(name, "GET", path, null, status, code);

    private static HostileRequest Enqueue(string name, string body, int status = 422, string code = "validation_failed") => Post(name, Tasks, body, status, code);

    private static string Options(string options) => $$"""{"activity_type":"a","input":{},"options":{{options}}}""";

    public static IReadOnlyList<HostileRequest> All { get; } =
    [
        // Text that is not well-formed Unicode, or control characters where an identifier goes.
        Enqueue("lone surrogate in activity_type", $$$"""{"activity_type":"{{{Lone}}}","input":{}}"""),
        Enqueue("lone surrogate in run_at", Options($$"""{"run_at":"{{Lone}}"}""")),
        Enqueue("lone surrogate in non_retryable_error_types", Options($$$"""{"retry":{"non_retryable_error_types":["{{{Lone}}}"]}}""")),
        Enqueue("lone surrogate in input", $$$"""{"activity_type":"a","input":{"s":"x{{{Lone}}}"}}"""),
        Enqueue("lone low surrogate in a member name", $$$"""{"activity_type":"a","input":{"\udc00":1}}"""),
        Enqueue("NUL in activity_type", $$$"""{"activity_type":"a{{{Nul}}}b","input":{}}"""),
        Enqueue("a tab in non_retryable_error_types", Options("""{"retry":{"non_retryable_error_types":["a\tb"]}}""")),
        Post("lone surrogate in a batch item", Batch, $$$"""{"tasks":[{{{Valid}}},{"activity_type":"{{{Lone}}}","input":{}}]}""", 422, "validation_failed"),
        // Members named twice.
        Enqueue("activity_type twice", """{"activity_type":"a","activity_type":"b","input":{}}""", 400, "invalid_json"),
        Enqueue("options twice", """{"activity_type":"a","input":{},"options":{},"options":{"priority":1}}""", 400, "invalid_json"),
        Enqueue("a member twice inside input", """{"activity_type":"a","input":{"k":1,"k":2}}""", 400, "invalid_json"),
        Post("tasks twice in a batch", Batch, $$"""{"tasks":[{{Valid}}],"tasks":[{{Valid}}]}""", 400, "invalid_json"),
        Put("activity_types twice", Workers + "/w1", """{"activity_types":["a"],"activity_types":["b"]}""", 400, "invalid_json"),
        // Idempotency-Key.
        Enqueue("a tab in Idempotency-Key", Valid) with { Headers = [("Idempotency-Key", "a\tb")] },
        Enqueue("an empty Idempotency-Key", Valid) with { Headers = [("Idempotency-Key", "")] },
        Enqueue("an Idempotency-Key of 201 chars", Valid) with { Headers = [("Idempotency-Key", new string('k', 201))] },
        // Bodies that are not JSON objects, or not JSON.
        Enqueue("not JSON", "{activity_type: a}", 400, "invalid_json"),
        Enqueue("an empty body", "", 400, "invalid_json"),
        Enqueue("a truncated object", """{"activity_type":"a","input":""", 400, "invalid_json"),
        Enqueue("trailing garbage", Valid + "x", 400, "invalid_json"),
        Enqueue("an array where the object goes", "[" + Valid + "]"),
        Enqueue("null as the body", "null"),
        Enqueue("a string as the body", "\"a\""),
        Enqueue("invalid UTF-8", "", 400, "invalid_json") with { Bytes = [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'] },
        Enqueue("NaN", Options("""{"priority":NaN}"""), 400, "invalid_json"),
        Enqueue("input nested 200 deep", $$"""{"activity_type":"a","input":{{new string('[', 200)}}{{new string(']', 200)}}}""", 400, "invalid_json"),
        // Wrong types and values out of range.
        Enqueue("activity_type as a number", """{"activity_type":7,"input":{}}"""),
        Enqueue("activity_type as an object", """{"activity_type":{},"input":{}}"""),
        Enqueue("activity_type of 201 chars", $$$"""{"activity_type":"{{{new string('a', 201)}}}","input":{}}"""),
        Enqueue("activity_type with a space", """{"activity_type":"a b","input":{}}"""),
        Enqueue("input missing", """{"activity_type":"a"}"""),
        Enqueue("max_attempts 1e30", Options("""{"max_attempts":1e30}""")),
        Enqueue("max_attempts -1", Options("""{"max_attempts":-1}""")),
        Enqueue("max_attempts 3.5", Options("""{"max_attempts":3.5}""")),
        Enqueue("priority past Int64", Options("""{"priority":9223372036854775808}""")),
        Enqueue("delay_seconds 1e400", Options("""{"delay_seconds":1e400}""")),
        Enqueue("delay_seconds as a string", Options("""{"delay_seconds":"5"}""")),
        Enqueue("options as an array", Options("[]")),
        Enqueue("retry as a string", Options("""{"retry":"fast"}""")),
        Enqueue("run_at that is not a time", Options("""{"run_at":"tomorrow"}""")),
        Enqueue("run_at and delay_seconds", Options("""{"run_at":"2026-01-01T00:00:00Z","delay_seconds":1}""")),
        Enqueue("jitter 2", Options("""{"retry":{"jitter":2}}""")),
        Enqueue("input over 1 MiB", $$"""{"activity_type":"a","input":"{{new string('x', 1_100_000)}}"}"""),
        Enqueue("a body over 2 MiB", $$"""{"activity_type":"a","input":"{{new string('x', 2_200_000)}}"}""", 413, "payload_too_large"),
        // Media types.
        Enqueue("text/plain", Valid, 415, "unsupported_media_type") with { ContentType = "text/plain" },
        Enqueue("no Content-Type", Valid, 415, "unsupported_media_type") with { ContentType = "" },
        Enqueue("charset latin1", Valid, 415, "unsupported_media_type") with { ContentType = "application/json; charset=latin1" },
        Enqueue("form data", "a=b", 415, "unsupported_media_type") with { ContentType = "application/x-www-form-urlencoded" },
        // Batches.
        Post("an empty batch", Batch, """{"tasks":[]}""", 422, "validation_failed"),
        Post("tasks as an object", Batch, """{"tasks":{}}""", 422, "validation_failed"),
        Post("1001 tasks", Batch, $$"""{"tasks":[{{string.Join(",", Enumerable.Repeat(Valid, 1001))}}]}""", 422, "validation_failed"),
        Post("a batch item that is a number", Batch, """{"tasks":[1]}""", 422, "validation_failed"),
        // Ids, cursors and queries.
        Get("a task id that is not a UUID", Tasks + "/not-a-uuid", 400, "invalid_id"),
        Get("a task id of 100 chars", Tasks + "/" + new string('f', 100), 400, "invalid_id"),
        Get("a task that does not exist", Tasks + "/{missing}", 404, "not_found"),
        Get("an unknown status", Tasks + "?status=bogus", 400, "invalid_query"),
        Get("limit 0", Tasks + "?limit=0", 400, "invalid_query"),
        Get("limit -1", Tasks + "?limit=-1", 400, "invalid_query"),
        Get("limit past Int32", Tasks + "?limit=99999999999", 400, "invalid_query"),
        Get("limit as text", Tasks + "?limit=ten", 400, "invalid_query"),
        Get("limit twice", Tasks + "?limit=1&limit=2", 400, "invalid_query"),
        Get("a cursor that is not one", Tasks + "?cursor=bogus", 400, "invalid_query"),
        Get("NUL in the activity_type filter", Tasks + "?activity_type=a%00b", 400, "invalid_query"),
        Get("a newline in the activity_type filter", Tasks + "?activity_type=a%0Ab", 400, "invalid_query"),
        Get("NUL in the DLQ's activity_type filter", Dlq + "?activity_type=a%00b", 400, "invalid_query"),
        Get("status pending on the DLQ", Dlq + "?status=pending", 400, "invalid_query"),
        Post("cancel a task id that is not one", Tasks + "/zzz/cancel", "", 400, "invalid_id"),
        Post("cancel a task that does not exist", Tasks + "/{missing}/cancel", "", 404, "not_found"),
        // Routes and methods.
        Get("an unknown route", "/api/v1/durable/nope", 404, "not_found"),
        Get("a path outside the API", "/etc/passwd", 404, "not_found"),
        new("DELETE on the task list", "DELETE", Tasks, null, 405, "method_not_allowed"),
        new("PATCH on a task", "PATCH", Tasks + "/{task}", "{}", 405, "method_not_allowed"),
        // Workers.
        Put("NUL in hostname", Workers + "/w1", $$"""{"activity_types":["a"],"hostname":"h{{Nul}}"}""", 422, "validation_failed"),
        Put("NUL in version", Workers + "/w1", $$"""{"activity_types":["a"],"version":"1{{Nul}}"}""", 422, "validation_failed"),
        Put("lone surrogate in worker_group", Workers + "/w1", $$"""{"activity_types":["a"],"worker_group":"{{Lone}}"}""", 422, "validation_failed"),
        Put("an escape sequence in hostname", Workers + "/w1", """{"activity_types":["a"],"hostname":"\u001b[31mred"}""", 422, "validation_failed"),
        Put("no activity types", Workers + "/w1", """{"activity_types":[]}""", 422, "validation_failed"),
        Put("activity_types as a string", Workers + "/w1", """{"activity_types":"a"}""", 422, "validation_failed"),
        Put("max_concurrency 0", Workers + "/w1", """{"activity_types":["a"],"max_concurrency":0}""", 422, "validation_failed"),
        Put("max_concurrency past Int32", Workers + "/w1", """{"activity_types":["a"],"max_concurrency":4294967296}""", 422, "validation_failed"),
        Put("a worker id of 201 chars", Workers + "/" + new string('w', 201), """{"activity_types":["a"]}""", 400, "invalid_id"),
        Put("a control character in the worker id", Workers + "/a%01b", """{"activity_types":["a"]}""", 400, "invalid_id"),
        Post("a negative current_load", Workers + "/w1/heartbeat", """{"current_load":-1}""", 422, "validation_failed"),
        Post("a heartbeat of a worker never seen", Workers + "/nobody/heartbeat", """{"current_load":0}""", 404, "not_found"),
        new("deregister a worker never seen", "DELETE", Workers + "/nobody", "", 404, "not_found"),
        Post("drain a worker never seen", Workers + "/nobody/drain", "", 404, "not_found"),
        // Claims.
        Post("NUL in the claim's worker_id", Claim, $$"""{"worker_id":"w{{Nul}}","activity_types":["a"]}""", 422, "validation_failed"),
        Post("lone surrogate in the claim's worker_id", Claim, $$"""{"worker_id":"{{Lone}}","activity_types":["a"]}""", 422, "validation_failed"),
        Post("max_tasks 0", Claim, """{"worker_id":"w","activity_types":["a"],"max_tasks":0}""", 422, "validation_failed"),
        Post("wait_ms 30001", Claim, """{"worker_id":"w","activity_types":["a"],"wait_ms":30001}""", 422, "validation_failed"),
        Post("a claim without activity types", Claim, """{"worker_id":"w"}""", 422, "validation_failed"),
        Post("a claim body that is an array", Claim, "[]", 422, "validation_failed"),
        Post("NUL in a claimed activity type", Claim, $$"""{"worker_id":"w","activity_types":["a{{Nul}}"]}""", 422, "validation_failed"),
        // Leases.
        Post("a heartbeat with a lease_id that is not one", Tasks + "/{task}/heartbeat", """{"lease_id":"nope"}""", 422, "validation_failed"),
        Post("a heartbeat on a lease the task does not hold", Tasks + "/{task}/heartbeat", """{"lease_id":"{lease}"}""", 409, "lease_lost"),
        Post("a heartbeat of a task that does not exist", Tasks + "/{missing}/heartbeat", """{"lease_id":"{lease}"}""", 404, "not_found"),
        Post("a complete with lease_id as a number", Tasks + "/{task}/complete", """{"lease_id":5}""", 422, "validation_failed"),
        Post("a complete on a lease the task does not hold", Tasks + "/{task}/complete", """{"lease_id":"{lease}","result":1}""", 409, "lease_lost"),
        Post("a complete with a result over 1 MiB", Tasks + "/{task}/complete", $$"""{"lease_id":"{lease}","result":"{{new string('r', 1_100_000)}}"}""", 413, "payload_too_large"),
        Post("a fail without error", Tasks + "/{task}/fail", """{"lease_id":"{lease}"}""", 422, "validation_failed"),
        Post("a fail with error null (fuzz seed 3780161599592458718)", Tasks + "/{task}/fail", """{"lease_id":"{lease}","error":null}""", 422, "validation_failed"),
        Post("a claim with worker_id null", Tasks + "/claim", """{"worker_id":null,"activity_types":["a"]}""", 422, "validation_failed"),
        Post("NUL in error.type", Tasks + "/{task}/fail", $$$"""{"lease_id":"{lease}","error":{"message":"m","type":"t{{{Nul}}}"}}""", 422, "validation_failed"),
        Post("lone surrogate in error.message", Tasks + "/{task}/fail", $$$"""{"lease_id":"{lease}","error":{"message":"{{{Lone}}}"}}""", 422, "validation_failed"),
        Post("a fail on a lease the task does not hold", Tasks + "/{task}/fail", """{"lease_id":"{lease}","error":{"message":"m"}}""", 409, "lease_lost"),
        Post("no completions", Tasks + "/complete", """{"completions":[]}""", 422, "validation_failed"),
        Post("a completion with bad ids", Tasks + "/complete", """{"completions":[{"task_id":"x","lease_id":"y"}]}""", 422, "validation_failed"),
        // Dead letters.
        Post("NUL in the DLQ retry's activity_type", Dlq + "/retry", $$"""{"activity_type":"a{{Nul}}"}""", 422, "validation_failed"),
        Post("lone surrogate in the DLQ retry's activity_type", Dlq + "/retry", $$"""{"activity_type":"{{Lone}}"}""", 422, "validation_failed"),
        Post("a DLQ retry body of text/plain", Dlq + "/retry", "a", 415, "unsupported_media_type") with { ContentType = "text/plain" },
        Post("a DLQ retry of a task that does not exist", Dlq + "/{missing}/retry", "", 404, "not_found"),
        Post("a DLQ retry of a pending task", Dlq + "/{task}/retry", "", 409, "not_dead"),
    ];

    public static TheoryData<string> Names => [.. All.Select(r => r.Name)];

    public static HostileRequest Named(string name) => All.Single(r => r.Name == name);
}
