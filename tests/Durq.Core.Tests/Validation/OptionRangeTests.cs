namespace Durq.Core.Tests.Validation;

/// <summary>One row per rule of the API.md option table: the edges of each range pass, one step beyond fails.</summary>
public class OptionRangeTests
{
    [Theory]
    [InlineData("max_attempts", "1", 1)]
    [InlineData("max_attempts", "1000", 1000)]
    [InlineData("priority", "-1000", -1000)]
    [InlineData("priority", "1000", 1000)]
    [InlineData("delay_seconds", "0", 0)]
    [InlineData("delay_seconds", "0.25", 0.25)]
    [InlineData("delay_seconds", "31536000", 31_536_000)]
    [InlineData("timeout_seconds", "1", 1)]
    [InlineData("timeout_seconds", "86400", 86_400)]
    [InlineData("heartbeat_timeout_seconds", "1", 1)]
    [InlineData("heartbeat_timeout_seconds", "3600", 3600)]
    [InlineData("retry.initial_interval_ms", "1", 1)]
    [InlineData("retry.initial_interval_ms", "86400000", 86_400_000)]
    [InlineData("retry.backoff_coefficient", "1", 1)]
    [InlineData("retry.backoff_coefficient", "100", 100)]
    [InlineData("retry.max_interval_ms", "1000", 1000)]
    [InlineData("retry.max_interval_ms", "86400000", 86_400_000)]
    [InlineData("retry.jitter", "0", 0)]
    [InlineData("retry.jitter", "1", 1)]
    public void Value_on_the_edge_of_its_range_is_accepted(string option, string valueJson, double expected)
    {
        var options = Enqueue.Parse(Enqueue.WithOption(option, valueJson)).Options;

        Assert.Equal(expected, OptionValue.Of(options, option));
    }

    [Theory]
    [InlineData("max_attempts", "0")]
    [InlineData("max_attempts", "1001")]
    [InlineData("max_attempts", "-5")]
    [InlineData("priority", "-1001")]
    [InlineData("priority", "1001")]
    [InlineData("delay_seconds", "-0.001")]
    [InlineData("delay_seconds", "31536000.5")]
    [InlineData("timeout_seconds", "0")]
    [InlineData("timeout_seconds", "86401")]
    [InlineData("heartbeat_timeout_seconds", "0")]
    [InlineData("heartbeat_timeout_seconds", "3601")]
    [InlineData("retry.initial_interval_ms", "0")]
    [InlineData("retry.initial_interval_ms", "86400001")]
    [InlineData("retry.backoff_coefficient", "0.99")]
    [InlineData("retry.backoff_coefficient", "100.01")]
    [InlineData("retry.max_interval_ms", "999")]
    [InlineData("retry.max_interval_ms", "86400001")]
    [InlineData("retry.jitter", "-0.01")]
    [InlineData("retry.jitter", "1.01")]
    public void Value_just_outside_its_range_is_rejected_naming_the_option(string option, string valueJson)
    {
        Assert.Equal(["options." + option], Enqueue.RejectedFields(Enqueue.WithOption(option, valueJson)));
    }

    [Fact]
    public void Initial_interval_above_the_default_cap_raises_the_cap_with_it()
    {
        var retry = Enqueue.Parse(Enqueue.WithOption("retry.initial_interval_ms", "120000")).Options.Retry;

        Assert.Equal(120_000, retry.MaxIntervalMs);
    }
}
