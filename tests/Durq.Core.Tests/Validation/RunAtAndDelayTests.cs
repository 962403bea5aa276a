using System.Globalization;
using System.Text.Json;
using Durq.Core.Tasks;

namespace Durq.Core.Tests.Validation;

/// <summary><c>options.run_at</c> and <c>options.delay_seconds</c>: when the first run may start.</summary>
public class RunAtAndDelayTests
{
    [Theory]
    [InlineData("2026-02-01T10:00:00Z", "2026-02-01T10:00:00Z")]
    [InlineData("2026-02-01T10:00:00.250Z", "2026-02-01T10:00:00.250Z")]
    [InlineData("2026-02-01T12:30:00+02:30", "2026-02-01T10:00:00Z")]
    [InlineData("2026-02-01T05:00:00-05:00", "2026-02-01T10:00:00Z")]
    [InlineData("2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z")]
    public void Run_at_in_rfc_3339_is_kept_as_that_instant_in_utc(string runAt, string expectedUtc)
    {
        var options = Enqueue.Parse(Enqueue.WithOption("run_at", $"\"{runAt}\"")).Options;

        Assert.Equal(DateTimeOffset.Parse(expectedUtc, CultureInfo.InvariantCulture), options.RunAt);
        Assert.Equal(TimeSpan.Zero, options.RunAt.Offset);
        Assert.Equal(0, options.DelaySeconds);
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("")]
    [InlineData("2026-02-01")]
    [InlineData("2026-02-01T10:00:00")]
    [InlineData("2026-02-01T10:00Z")]
    [InlineData("2026-02-30T10:00:00Z")]
    [InlineData("2026-02-01T25:00:00Z")]
    [InlineData("01/02/2026 10:00:00Z")]
    [InlineData("2026-02-01T10:00:00 GMT")]
    [InlineData("2026-02-01T10:00:00Z\n")]
    public void Run_at_that_is_not_rfc_3339_is_rejected(string runAt)
    {
        var json = Enqueue.WithOption("run_at", JsonSerializer.Serialize(runAt));

        Assert.Equal(["options.run_at"], Enqueue.RejectedFields(json));
    }

    [Fact]
    public void Run_at_exactly_one_year_ahead_is_accepted()
    {
        var yearAhead = Enqueue.Now.AddSeconds(31_536_000);

        var options = Enqueue.Parse(Enqueue.WithOption("run_at", $"\"{Rfc3339.Format(yearAhead)}\"")).Options;

        Assert.Equal(yearAhead, options.RunAt);
    }

    [Fact]
    public void Run_at_more_than_one_year_ahead_is_rejected()
    {
        var tooFar = Enqueue.Now.AddSeconds(31_536_000).AddMilliseconds(1);

        Assert.Equal(["options.run_at"], Enqueue.RejectedFields(Enqueue.WithOption("run_at", $"\"{Rfc3339.Format(tooFar)}\"")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("60")]
    public void Run_at_together_with_delay_seconds_is_rejected(string delaySeconds)
    {
        var json = Enqueue.WithOptions($$"""{"run_at": "2026-02-01T10:00:00Z", "delay_seconds": {{delaySeconds}}}""");

        var error = Assert.Single(Enqueue.Errors(json));
        Assert.Equal("options.run_at", error.Field);
        Assert.Contains("delay_seconds", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("90", 90_000)]
    [InlineData("1.5", 1_500)]
    [InlineData("31536000", 31_536_000_000)]
    public void Delay_seconds_sets_run_at_to_now_plus_the_delay(string delaySeconds, long expectedMs)
    {
        var options = Enqueue.Parse(Enqueue.WithOption("delay_seconds", delaySeconds)).Options;

        Assert.Equal(Enqueue.Now.AddMilliseconds(expectedMs), options.RunAt);
        Assert.Equal(expectedMs / 1000.0, options.DelaySeconds);
    }
}
