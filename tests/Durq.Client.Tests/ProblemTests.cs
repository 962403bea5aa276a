using System.Net;
using Durq.Contracts;

namespace Durq.Client.Tests;

/// <summary>Every error answer becomes a <see cref="DurqProblemException"/>, a problem document or not.</summary>
public sealed class ProblemTests
{
    private static Task<string> EnqueueAsync(StubHandler stub) => stub.CreateClient().EnqueueAsync("a", new RawJson("1"));

    [Fact]
    public async Task A_problem_document_is_exposed_whole_with_its_retry_after()
    {
        var stub = new StubHandler(_ =>
        {
            var response = StubHandler.Response(HttpStatusCode.TooManyRequests, """
                {"type":"https://durq.dev/problems/queue-full","title":"Too Many Requests","status":429,
                 "detail":"10000 tasks are pending; the cap is 10000.","code":"queue_full","instance":"/api/v1/durable/tasks",
                 "trace_id":"0HN1","retry_after_seconds":5,
                 "allowed_actions":[{"rel":"retry-later","hint":"Retry after 5 seconds."}]}
                """, "application/problem+json");
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return response;
        });

        var error = await Assert.ThrowsAsync<DurqProblemException>(() => EnqueueAsync(stub));

        Assert.Equal(429, error.Status);
        Assert.Equal("queue_full", error.Code);
        Assert.Equal("10000 tasks are pending; the cap is 10000.", error.Detail);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter); // the header wins over the body
        Assert.Equal("0HN1", error.Problem.TraceId);
        Assert.Equal("retry-later", Assert.Single(error.Problem.AllowedActions!).Rel);
        Assert.Equal("429 queue_full: 10000 tasks are pending; the cap is 10000.", error.Message);
    }

    [Fact]
    public async Task Without_a_Retry_After_header_the_body_says_how_long_to_wait()
    {
        var stub = StubHandler.Answering(HttpStatusCode.ServiceUnavailable,
            """{"title":"Service Unavailable","status":503,"code":"unavailable","detail":"The store is shutting down.","retry_after_seconds":1}""",
            "application/problem+json");

        var error = await Assert.ThrowsAsync<DurqProblemException>(() => EnqueueAsync(stub));

        Assert.Equal("unavailable", error.Code);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
    }

    [Fact]
    public async Task A_validation_problem_names_every_bad_field()
    {
        var stub = StubHandler.Answering(HttpStatusCode.UnprocessableEntity, """
            {"title":"Unprocessable Entity","status":422,"code":"validation_failed","detail":"2 fields are invalid.",
             "errors":[{"field":"activity_type","message":"is required"},{"field":"options.max_attempts","message":"must be 1 to 1000"}]}
            """, "application/problem+json");

        var error = await Assert.ThrowsAsync<DurqProblemException>(() => EnqueueAsync(stub));

        Assert.Equal(["activity_type", "options.max_attempts"], error.Problem.Errors!.Select(e => e.Field));
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task A_lost_lease_is_a_409_with_its_code()
    {
        var stub = StubHandler.Answering(HttpStatusCode.Conflict,
            """{"title":"Conflict","status":409,"code":"lease_lost","detail":"The lease on task t is no longer held."}""",
            "application/problem+json");

        var error = await Assert.ThrowsAsync<DurqProblemException>(() => stub.CreateClient().CompleteTaskAsync("t", "l"));

        Assert.Equal(409, error.Status);
        Assert.Equal("lease_lost", error.Code);
    }

    [Fact]
    public async Task An_error_page_that_is_not_a_problem_gets_the_code_http_status_and_its_text_as_detail()
    {
        var stub = StubHandler.Answering(HttpStatusCode.BadGateway, "<html><body>upstream timed out</body></html>", "text/html");

        var error = await Assert.ThrowsAsync<DurqProblemException>(() => EnqueueAsync(stub));

        Assert.Equal(502, error.Status);
        Assert.Equal("http_502", error.Code);
        Assert.Equal("<html><body>upstream timed out</body></html>", error.Detail);
        Assert.Equal("Bad Gateway", error.Problem.Title);
    }

    [Fact]
    public async Task JSON_that_is_not_a_problem_document_counts_as_any_other_body()
    {
        var stub = StubHandler.Answering(HttpStatusCode.NotFound, """{"error":"no such thing"}""");

        var error = await Assert.ThrowsAsync<DurqProblemException>(() => EnqueueAsync(stub));

        Assert.Equal("http_404", error.Code);
        Assert.Equal("""{"error":"no such thing"}""", error.Detail);
    }

    [Fact]
    public async Task An_empty_error_answer_still_says_what_happened()
    {
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError));

        var error = await Assert.ThrowsAsync<DurqProblemException>(() => EnqueueAsync(stub));

        Assert.Equal("http_500", error.Code);
        Assert.Equal("Internal Server Error", error.Detail);
    }

    [Fact]
    public async Task A_long_foreign_body_is_cut_in_the_detail()
    {
        var stub = StubHandler.Answering(HttpStatusCode.BadGateway, new string('x', 5000), "text/plain");

        var error = await Assert.ThrowsAsync<DurqProblemException>(() => EnqueueAsync(stub));

        Assert.Equal(501, error.Detail!.Length);
        Assert.EndsWith("…", error.Detail, StringComparison.Ordinal);
    }
}
