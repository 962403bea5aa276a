using Durq.Server.Hosting;

namespace Durq.Server.Tests;

/// <summary>The worker cap is checked at start: 0 means no cap, a negative one names the key.</summary>
public sealed class WorkersOptionsValidationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    public void A_cap_of_zero_or_more_is_accepted(int cap) =>
        Assert.True(new WorkersOptionsValidation().Validate(null, new WorkersOptions { MaxPerTenant = cap }).Succeeded);

    [Fact]
    public void A_negative_cap_is_refused_naming_the_key()
    {
        var result = new WorkersOptionsValidation().Validate(null, new WorkersOptions { MaxPerTenant = -1 });

        Assert.True(result.Failed);
        Assert.Equal("Workers:MaxPerTenant is -1; it must be 0 (no cap) or more.", result.FailureMessage);
    }

    [Fact]
    public void The_default_cap_is_a_thousand_workers() => Assert.Equal(1000, new WorkersOptions().MaxPerTenant);
}
