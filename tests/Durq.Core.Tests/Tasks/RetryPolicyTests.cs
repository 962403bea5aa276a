using Durq.Core.Tasks;

namespace Durq.Core.Tests.Tasks;

/// <summary><c>delay(n) = min(initial·coeff^(n−1), max) ± jitter·delay</c>; a unit random of 0.5 means no jitter.</summary>
public class RetryPolicyTests
{
    [Theory]
    [InlineData(1, 0.5, 1000)]
    [InlineData(2, 0.5, 2000)]
    [InlineData(3, 0.5, 4000)]
    [InlineData(6, 0.5, 32_000)]
    [InlineData(7, 0.5, 60_000)]
    [InlineData(100, 0.5, 60_000)]
    [InlineData(5000, 0.5, 60_000)]
    [InlineData(1, 0.0, 900)]
    [InlineData(1, 0.75, 1050)]
    [InlineData(3, 0.25, 3800)]
    [InlineData(7, 0.0, 54_000)]
    public void Default_policy_delay_follows_the_formula(int attempt, double unitRandom, double expectedMs)
    {
        Assert.Equal(expectedMs, RetryPolicy.Default.DelayAfter(attempt, unitRandom).TotalMilliseconds, 0.001);
    }

    [Theory]
    [InlineData(250, 3.0, 10_000, 0.0, 1, 0.99, 250)]
    [InlineData(250, 3.0, 10_000, 0.0, 3, 0.01, 2250)]
    [InlineData(250, 3.0, 10_000, 0.0, 5, 0.5, 10_000)]
    [InlineData(500, 1.0, 500, 0.5, 9, 0.0, 250)]
    [InlineData(500, 1.0, 500, 1.0, 1, 0.0, 0)]
    [InlineData(500, 1.0, 500, 1.0, 1, 0.5, 500)]
    public void Custom_policy_delay_follows_the_formula(
        long initialMs, double coefficient, long maxMs, double jitter, int attempt, double unitRandom, double expectedMs)
    {
        var policy = new RetryPolicy(initialMs, coefficient, maxMs, jitter, []);

        Assert.Equal(expectedMs, policy.DelayAfter(attempt, unitRandom).TotalMilliseconds, 0.001);
    }

    [Fact]
    public void Jitter_never_reaches_its_full_upper_bound()
    {
        var delay = RetryPolicy.Default.DelayAfter(1, 0.999_999).TotalMilliseconds;

        Assert.InRange(delay, 1099.9, 1100);
        Assert.NotEqual(1100, delay);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Attempts_count_from_one(int attempt)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryPolicy.Default.DelayAfter(attempt, 0.5));
    }

    [Theory]
    [InlineData("bad_input", true)]
    [InlineData("fatal", true)]
    [InlineData("Fatal", false)]
    [InlineData("timeout", false)]
    [InlineData(null, false)]
    public void Only_listed_error_types_are_non_retryable_matched_exactly(string? errorType, bool expected)
    {
        var policy = RetryPolicy.Default with { NonRetryableErrorTypes = ["bad_input", "fatal"] };

        Assert.Equal(expected, policy.IsNonRetryable(errorType));
    }
}
