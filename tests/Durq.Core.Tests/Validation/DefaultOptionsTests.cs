namespace Durq.Core.Tests.Validation;

public class DefaultOptionsTests
{
    [Theory]
    [InlineData("""{"activity_type": "email.send", "input": {}}""")]
    [InlineData("""{"activity_type": "email.send", "input": {}, "options": null}""")]
    [InlineData("""{"activity_type": "email.send", "input": {}, "options": {}}""")]
    [InlineData("""{"activity_type": "email.send", "input": {}, "options": {"retry": {}}}""")]
    public void Every_default_is_filled_in_when_options_are_absent_null_or_empty(string json)
    {
        Defaults.AssertAllDefaults(Enqueue.Parse(json).Options, Enqueue.Now);
    }

    [Fact]
    public void Retry_members_left_out_keep_their_defaults_beside_those_sent()
    {
        var retry = Enqueue.Parse(Enqueue.WithOption("retry.jitter", "0.5")).Options.Retry;

        Assert.Equal(0.5, retry.Jitter);
        Assert.Equal(1000, retry.InitialIntervalMs);
        Assert.Equal(2.0, retry.BackoffCoefficient);
        Assert.Equal(60_000, retry.MaxIntervalMs);
    }

    [Fact]
    public void Unknown_members_are_ignored_at_every_level()
    {
        var task = Enqueue.Parse("""
            {"activity_type": "email.send", "input": 1, "workflow_id": "w-1",
             "options": {"max_attempts": 3, "queue": "fast", "retry": {"jitter": 0, "maximum_attempts": 9}}}
            """);

        Assert.Equal(3, task.Options.MaxAttempts);
        Assert.Equal(0, task.Options.Retry.Jitter);
    }
}
