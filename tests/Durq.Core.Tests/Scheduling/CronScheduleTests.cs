using Durq.Core.Scheduling;

namespace Durq.Core.Tests.Scheduling;

public sealed class CronScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Five_fields_start_with_the_minute_and_six_with_the_second()
    {
        var five = CronSchedule.Parse("15 * * * *", "UTC");
        var six = CronSchedule.Parse("10 15 * * * *", "UTC");

        Assert.Equal(Noon.AddMinutes(15), five.NextAfter(Noon));
        Assert.Equal(Noon.AddMinutes(15).AddSeconds(10), six.NextAfter(Noon));
    }

    [Fact]
    public void The_time_zone_sets_the_wall_clock()
    {
        var tokyo = CronSchedule.Parse("0 9 * * *", "Asia/Tokyo");

        Assert.Equal(new DateTimeOffset(2026, 6, 2, 0, 0, 0, TimeSpan.Zero), tokyo.NextAfter(Noon));
    }

    [Theory]
    [InlineData("* * * *", "has 4 fields")]
    [InlineData("* * * * * * *", "has 7 fields")]
    [InlineData("61 * * * *", "is not a valid cron expression")]
    [InlineData("* * * * mon-funday", "is not a valid cron expression")]
    public void A_bad_expression_is_named(string cron, string expected)
    {
        Assert.Null(CronSchedule.TryParse(cron, "UTC", out var cronError, out var zoneError));

        Assert.StartsWith(expected, cronError, StringComparison.Ordinal);
        Assert.Null(zoneError);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("")]
    public void A_zone_that_is_not_an_iana_name_is_refused(string zone)
    {
        Assert.Null(CronSchedule.TryParse("* * * * *", zone, out var cronError, out var zoneError));

        Assert.Null(cronError);
        Assert.NotNull(zoneError);
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    public void Iana_names_are_accepted(string zone) =>
        Assert.NotNull(CronSchedule.TryParse("* * * * *", zone, out _, out _));
}
