using Durq.Cli.Output;

namespace Durq.Cli.Tests;

/// <summary>How a wait reads in <c>durq tasks list</c>: rounded up, so a task never looks due before it is.</summary>
public sealed class DisplayTests
{
    [Theory]
    [InlineData(0.2, "1s")]
    [InlineData(45, "45s")]
    [InlineData(60, "1m")]
    [InlineData(239.4, "4m")]
    [InlineData(3600, "1h")]
    [InlineData(7500, "2h 5m")]
    [InlineData(86_400, "1d")]
    [InlineData(273_600, "3d 4h")]
    public void A_wait_reads_in_its_coarsest_units(double seconds, string expected) =>
        Assert.Equal(expected, Display.Until(TimeSpan.FromSeconds(seconds)));
}
