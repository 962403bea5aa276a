using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Durq.Server.Tests;

/// <summary>Every error this slice can produce answers with its own problem document, and the server keeps serving.</summary>
public sealed class ProblemTests() : ApiTest(new DurqApiFactory(new() { ["Limits:MaxRequestBytes"] = "4096", ["Limits:MaxInputBytes"] = "1024" }))
{
    public override async Task DisposeAsync()
    {
        // Whatever the test sent, the server still takes a good request afterwards.
        await Client.EnqueueAsync("""{"activity_type":"still.serving","input":1}""");
        await base.DisposeAsync();
    }

    [Theory]
    [InlineData("{\"activity_type\": \"a\", \"input\": ")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("{\"activity_type\": \"a\", \"input\": 1}}")]
    [InlineData("{\"activity_type\": \"a\", \"input\": [1,]}")]
    public async Task Malformed_json_is_invalid_json(string body)
    {
        using var response = await Client.PostJsonAsync(Http.Tasks, body);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
        Assert.Equal("retry", problem.GetProperty("allowed_actions")[0].GetProperty("rel").GetString());
    }

    [Fact]
    public async Task Invalid_utf8_is_invalid_json_and_says_so()
    {
        using var content = new ByteArrayContent([.. "{\"activity_type\":\"a\",\"input\":\""u8, 0xC3, 0x28, .. "\"}"u8]);
        content.Headers.ContentType = Http.MediaType("application/json");
        using var response = await Client.PostAsync(Http.Tasks, content);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
        Assert.Contains("UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    public async Task A_body_that_is_not_json_is_unsupported_media_type(string mediaType)
    {
        using var content = new StringContent("""{"activity_type":"a","input":1}""");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        using var response = await Client.PostAsync(Http.Tasks, content);
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task A_body_with_no_content_type_is_unsupported_media_type()
    {
        using var content = new ByteArrayContent("""{"activity_type":"a","input":1}"""u8.ToArray());
        using var response = await Client.PostAsync(Http.Tasks, content);
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task A_body_over_the_request_limit_is_payload_too_large()
    {
        var big = new string('x', 5000);
        using var response = await Client.PostJsonAsync(Http.Tasks, $$"""{"activity_type":"a","input":"{{big}}"}""");
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task A_chunked_body_over_the_request_limit_is_payload_too_large()
    {
        var big = Encoding.UTF8.GetBytes($$"""{"activity_type":"a","input":"{{new string('x', 5000)}}"}""");
        using var content = new StreamContent(new MemoryStream(big));
        content.Headers.ContentType = Http.MediaType("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Http.Tasks) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await Client.SendAsync(request);
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task An_input_over_its_limit_is_a_validation_error_on_input()
    {
        using var response = await Client.PostJsonAsync(Http.Tasks, $$"""{"activity_type":"a","input":"{{new string('x', 2000)}}"}""");
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal("input", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Validation_names_every_bad_field_and_gives_a_retry_hint()
    {
        using var response = await Client.PostJsonAsync(Http.Tasks, $$"""
            {"activity_type": "{{new string('a', 201)}}",
             "options": {"max_attempts": 0, "priority": 1001, "delay_seconds": -1, "timeout_seconds": 0,
                         "heartbeat_timeout_seconds": 3601, "retry": {"jitter": 2} } }
            """);
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");

        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToHashSet();
        Assert.Equal(
            ["activity_type", "input", "options.max_attempts", "options.priority", "options.delay_seconds",
             "options.timeout_seconds", "options.heartbeat_timeout_seconds", "options.retry.jitter"],
            fields);
        var action = problem.GetProperty("allowed_actions")[0];
        Assert.Equal("retry", action.GetProperty("rel").GetString());
        Assert.Contains("Shorten 'activity_type' to <= 200 chars.", action.GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://durq.dev/problems/validation-failed", problem.GetProperty("type").GetString());
        Assert.Equal(Http.Tasks, problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_an_object_is_a_validation_error()
    {
        using var response = await Client.PostJsonAsync(Http.Tasks, "[1, 2]");
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal("$", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_unknown_route_is_not_found()
    {
        using var response = await Client.GetAsync("/api/v1/durable/nothing-here");
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_wrong_method_is_method_not_allowed_with_an_allow_header()
    {
        using var response = await Client.DeleteAsync(Http.Tasks);
        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("12345")]
    [InlineData("0193b5a0-0000-7000-8000-00000000000g")]
    public async Task A_malformed_id_is_invalid_id(string id)
    {
        using var read = await Client.GetAsync($"{Http.Tasks}/{id}");
        await read.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_id");
        using var cancel = await Client.PostEmptyAsync($"{Http.Tasks}/{id}/cancel");
        await cancel.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_id");
    }

    [Fact]
    public async Task A_missing_task_is_not_found()
    {
        using var read = await Client.GetAsync($"{Http.Tasks}/{Guid.CreateVersion7()}");
        await read.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        using var cancel = await Client.PostEmptyAsync($"{Http.Tasks}/{Guid.CreateVersion7()}/cancel");
        await cancel.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("status=running")]
    [InlineData("status=pending&status=dead")]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    [InlineData("limit=ten")]
    [InlineData("cursor=garbage")]
    public async Task A_bad_query_value_is_invalid_query(string query)
    {
        using var response = await Client.GetAsync($"{Http.Tasks}?{query}");
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_query");
    }

    [Fact]
    public async Task Cancelling_a_cancelled_task_is_not_cancellable()
    {
        var id = await Client.EnqueueAsync("""{"activity_type":"a","input":1}""");
        using var first = await Client.PostEmptyAsync($"{Http.Tasks}/{id}/cancel");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await Client.PostEmptyAsync($"{Http.Tasks}/{id}/cancel");
        await second.AssertProblemAsync(HttpStatusCode.Conflict, "not_cancellable");
    }

    [Fact]
    public async Task A_bad_idempotency_key_header_is_a_validation_error()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Http.Tasks) { Content = Http.Json("""{"activity_type":"a","input":1}""") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 201));
        using var response = await Client.SendAsync(request);
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal("Idempotency-Key", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }
}
