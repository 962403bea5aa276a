namespace Durq.Core.Tests.Validation;

/// <summary>Options of the wrong JSON type are rejected by path; <c>null</c> means "use the default".</summary>
public class OptionTypeTests
{
    [Theory]
    [InlineData("max_attempts", "\"5\"")]
    [InlineData("max_attempts", "2.5")]
    [InlineData("max_attempts", "1e400")]
    [InlineData("priority", "true")]
    [InlineData("priority", "9223372036854775808")]
    [InlineData("delay_seconds", "\"10\"")]
    [InlineData("delay_seconds", "{}")]
    [InlineData("timeout_seconds", "[30]")]
    [InlineData("heartbeat_timeout_seconds", "30.5")]
    [InlineData("run_at", "{}")]
    [InlineData("run_at", "1769851800")]
    [InlineData("retry", "\"fast\"")]
    [InlineData("retry", "[]")]
    [InlineData("retry.initial_interval_ms", "1000.5")]
    [InlineData("retry.max_interval_ms", "\"60000\"")]
    [InlineData("retry.backoff_coefficient", "false")]
    [InlineData("retry.jitter", "\"0.1\"")]
    public void Option_of_the_wrong_json_type_is_rejected_naming_the_option(string option, string valueJson)
    {
        Assert.Equal(["options." + option], Enqueue.RejectedFields(Enqueue.WithOption(option, valueJson)));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("\"fast\"")]
    [InlineData("[]")]
    [InlineData("true")]
    public void Options_that_are_not_an_object_are_rejected(string optionsJson)
    {
        Assert.Equal(["options"], Enqueue.RejectedFields(Enqueue.WithOptions(optionsJson)));
    }

    [Theory]
    [InlineData("max_attempts")]
    [InlineData("priority")]
    [InlineData("delay_seconds")]
    [InlineData("run_at")]
    [InlineData("timeout_seconds")]
    [InlineData("heartbeat_timeout_seconds")]
    [InlineData("retry")]
    [InlineData("retry.jitter")]
    [InlineData("retry.non_retryable_error_types")]
    public void Option_sent_as_null_takes_its_default(string option)
    {
        var options = Enqueue.Parse(Enqueue.WithOption(option, "null")).Options;

        Defaults.AssertAllDefaults(options, Enqueue.Now);
    }
}
