using System.Net;

namespace Durq.Server.Tests;

/// <summary><c>options.expires_at</c> and <c>options.schedule_to_start_seconds</c> on enqueue: read back, and refused when they cannot hold.</summary>
public sealed class ExpiryApiTests() : ApiTest(new DurqApiFactory())
{
    [Fact]
    public async Task Schedule_to_start_seconds_sets_the_expiry_from_the_first_run()
    {
        var id = await Client.EnqueueAsync(
            """{"activity_type":"a","input":{},"options":{"run_at":"2026-12-24T18:00:00Z","schedule_to_start_seconds":600}}""");

        var options = (await Client.GetTaskAsync(id)).GetProperty("options");

        Assert.Equal(600, options.GetProperty("schedule_to_start_seconds").GetInt32());
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 18, 10, 0, TimeSpan.Zero), options.GetProperty("expires_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_task_without_an_expiry_reads_back_without_one()
    {
        var id = await Client.EnqueueAsync("""{"activity_type":"a","input":{}}""");

        var options = (await Client.GetTaskAsync(id)).GetProperty("options");

        Assert.False(options.TryGetProperty("expires_at", out _));
        Assert.False(options.TryGetProperty("schedule_to_start_seconds", out _));
    }

    [Theory]
    [InlineData("""{"expires_at":"2026-12-24T18:00:00Z","schedule_to_start_seconds":5}""", "options.expires_at")]
    [InlineData("""{"run_at":"2026-12-24T18:00:00Z","expires_at":"2026-12-24T17:00:00Z"}""", "options.expires_at")]
    [InlineData("""{"expires_at":"tomorrow"}""", "options.expires_at")]
    [InlineData("""{"schedule_to_start_seconds":0}""", "options.schedule_to_start_seconds")]
    public async Task An_expiry_that_cannot_hold_is_refused_naming_its_field(string options, string field)
    {
        using var response = await Client.PostJsonAsync(Http.Tasks, $$"""{"activity_type":"a","input":{},"options":{{options}}}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(field, Assert.Single(problem.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
    }
}
