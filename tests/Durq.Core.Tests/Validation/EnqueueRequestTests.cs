using Durq.Core.Errors;
using Durq.Core.Validation;

namespace Durq.Core.Tests.Validation;

/// <summary>The request as a whole: its shape, the id it gets, and one exception naming every bad field.</summary>
public class EnqueueRequestTests
{
    private const string Traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    [Fact]
    public void Valid_request_becomes_a_task_with_its_members()
    {
        var task = Enqueue.Parse("""
            {"activity_type": "session.run", "input": {"any": "json"}, "options": {"max_attempts": 3, "priority": 10}}
            """);

        Assert.Equal("session.run", task.ActivityType);
        Assert.Equal("""{"any": "json"}""", task.InputJson);
        Assert.Equal(3, task.Options.MaxAttempts);
        Assert.Equal(10, task.Options.Priority);
        Assert.Null(task.Traceparent);
    }

    [Fact]
    public void Task_id_is_a_uuid_v7_stamped_with_now()
    {
        var task = Enqueue.Parse(Enqueue.WithInput("{}"));

        Assert.Equal(7, task.Id.Version);
        Assert.Equal(Enqueue.Now.ToUnixTimeMilliseconds(), Convert.ToInt64(task.Id.ToString("N")[..12], 16));
    }

    [Fact]
    public void Each_request_gets_its_own_id()
    {
        var json = Enqueue.WithInput("{}");

        Assert.NotEqual(Enqueue.Parse(json).Id, Enqueue.Parse(json).Id);
    }

    [Fact]
    public void Traceparent_of_the_request_is_carried_by_the_task()
    {
        Assert.Equal(Traceparent, Enqueue.Parse(Enqueue.WithInput("{}"), traceparent: Traceparent).Traceparent);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"email.send\"")]
    [InlineData("null")]
    [InlineData("42")]
    public void Body_that_is_not_an_object_is_rejected_at_the_root(string json)
    {
        Assert.Equal(["$"], Enqueue.RejectedFields(json));
    }

    [Fact]
    public void Every_bad_field_is_named_in_one_exception()
    {
        const string json = """
            {"activity_type": ".bad",
             "options": {"max_attempts": 0, "priority": "high", "timeout_seconds": 86401,
                         "retry": {"jitter": 2, "backoff_coefficient": 0}}}
            """;

        var fields = Enqueue.RejectedFields(json);

        Assert.Equal(
            ["activity_type", "input", "options.max_attempts", "options.priority",
             "options.retry.backoff_coefficient", "options.retry.jitter", "options.timeout_seconds"],
            fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_error_says_what_is_wrong_and_what_to_send_instead()
    {
        var errors = Enqueue.Errors("""{"activity_type": 1, "options": {"max_attempts": 0, "run_at": "soon"}}""");

        Assert.Equal(4, errors.Count);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Hint)));
    }

    [Fact]
    public void Validation_exception_carries_the_validation_failed_code_and_names_the_fields()
    {
        var error = Assert.Throws<ValidationException>(
            () => Enqueue.Parse("""{"activity_type": "a", "input": 1, "options": {"priority": 5000, "max_attempts": 0}}"""));

        Assert.Equal(ProblemCodes.ValidationFailed, error.Code);
        Assert.Contains("'options.priority'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'options.max_attempts'", error.Message, StringComparison.Ordinal);
    }
}
