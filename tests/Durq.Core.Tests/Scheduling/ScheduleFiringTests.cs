using Durq.Core.Scheduling;

namespace Durq.Core.Tests.Scheduling;

public sealed class ScheduleFiringTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CronSchedule EveryMinute = CronSchedule.Parse("* * * * *", "UTC");
    private static readonly CronSchedule EverySecond = CronSchedule.Parse("* * * * * *", "UTC");

    [Fact]
    public void A_time_not_yet_due_fires_nothing_and_keeps_its_next_time()
    {
        var plan = ScheduleFiring.Plan(EveryMinute, ScheduleCatchUp.None, Noon.AddMinutes(1), Noon);

        Assert.Empty(plan.FireTimes);
        Assert.Equal(Noon.AddMinutes(1), plan.NextFireAt);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("one")]
    [InlineData("all")]
    public void A_time_due_now_fires_under_every_policy(string catchUp)
    {
        var plan = ScheduleFiring.Plan(EveryMinute, SchedulePolicyNames.ParseCatchUp(catchUp)!.Value, Noon, Noon.AddMilliseconds(300));

        Assert.Equal([Noon], plan.FireTimes);
        Assert.Equal(Noon.AddMinutes(1), plan.NextFireAt);
    }

    [Fact]
    public void Catch_up_none_fires_a_time_missed_by_less_than_the_grace_and_drops_older_ones()
    {
        var late = ScheduleFiring.Plan(EveryMinute, ScheduleCatchUp.None, Noon, Noon + ScheduleFiring.Grace);
        var missed = ScheduleFiring.Plan(EveryMinute, ScheduleCatchUp.None, Noon, Noon.AddMinutes(10).AddSeconds(30));

        Assert.Equal([Noon], late.FireTimes);
        Assert.Empty(missed.FireTimes);
        Assert.Equal(Noon.AddMinutes(11), missed.NextFireAt);
    }

    [Fact]
    public void Catch_up_one_fires_the_most_recent_missed_time_once()
    {
        var plan = ScheduleFiring.Plan(EveryMinute, ScheduleCatchUp.One, Noon, Noon.AddMinutes(10).AddSeconds(30));

        Assert.Equal([Noon.AddMinutes(10)], plan.FireTimes);
        Assert.Equal(Noon.AddMinutes(11), plan.NextFireAt);
    }

    [Fact]
    public void Catch_up_one_finds_the_latest_time_of_a_long_gap_of_an_every_second_schedule()
    {
        var now = Noon.AddDays(365).AddMilliseconds(700);

        var plan = ScheduleFiring.Plan(EverySecond, ScheduleCatchUp.One, Noon, now);

        Assert.Equal([Noon.AddDays(365)], plan.FireTimes);
        Assert.Equal(Noon.AddDays(365).AddSeconds(1), plan.NextFireAt);
    }

    [Fact]
    public void Catch_up_all_fires_every_missed_time_oldest_first()
    {
        var plan = ScheduleFiring.Plan(EveryMinute, ScheduleCatchUp.All, Noon, Noon.AddMinutes(3).AddSeconds(1));

        Assert.Equal([Noon, Noon.AddMinutes(1), Noon.AddMinutes(2), Noon.AddMinutes(3)], plan.FireTimes);
        Assert.Equal(Noon.AddMinutes(4), plan.NextFireAt);
    }

    [Fact]
    public void Catch_up_all_fires_at_most_the_cap_and_goes_on_after_now()
    {
        var now = Noon.AddHours(2).AddMilliseconds(1);

        var plan = ScheduleFiring.Plan(EverySecond, ScheduleCatchUp.All, Noon, now);

        Assert.Equal(ScheduleFiring.MaxCatchUp, plan.FireTimes.Count);
        Assert.Equal(Noon, plan.FireTimes[0]);
        Assert.Equal(Noon.AddSeconds(ScheduleFiring.MaxCatchUp - 1), plan.FireTimes[^1]);
        Assert.Equal(Noon.AddHours(2).AddSeconds(1), plan.NextFireAt);
    }

    [Fact]
    public void A_daily_time_that_spring_forward_skips_fires_once_just_after_the_gap()
    {
        // Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST, so 02:30 does not exist that day.
        var cron = CronSchedule.Parse("30 2 * * *", "Europe/Berlin");
        var dayBefore = new DateTimeOffset(2026, 3, 28, 1, 30, 0, TimeSpan.Zero);

        var next = cron.NextAfter(dayBefore);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero), cron.NextAfter(next!.Value));
    }

    [Fact]
    public void A_daily_time_that_fall_back_repeats_fires_once()
    {
        // New York, 1 November 2026: 02:00 EDT becomes 01:00 EST, so 01:30 happens twice.
        var cron = CronSchedule.Parse("30 1 * * *", "America/New_York");
        var first = cron.NextAfter(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero), first);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 6, 30, 0, TimeSpan.Zero), cron.NextAfter(first!.Value));
    }

    [Fact]
    public void A_time_that_spring_forward_moved_fires_when_it_is_due()
    {
        var cron = CronSchedule.Parse("30 2 * * *", "Europe/Berlin");
        var moved = new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero);

        Assert.Equal([moved], ScheduleFiring.Plan(cron, ScheduleCatchUp.None, moved, moved.AddMilliseconds(250)).FireTimes);
        Assert.Equal([moved], ScheduleFiring.Plan(cron, ScheduleCatchUp.One, moved, moved.AddHours(2)).FireTimes);
        Assert.Equal([moved], ScheduleFiring.Plan(cron, ScheduleCatchUp.All, moved, moved.AddHours(2)).FireTimes);
    }
}
