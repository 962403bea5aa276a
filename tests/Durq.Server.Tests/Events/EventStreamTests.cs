using System.Diagnostics;
using Durq.Core.Keys;
using Durq.Server.Tests.Auth;

namespace Durq.Server.Tests.Events;

/// <summary><c>GET /events</c> on one node: changes as they commit, resume, the activity-type filter, tenants kept apart.</summary>
public sealed class EventStreamTests() : ApiTest(new DurqApiFactory())
{
    [Fact]
    public async Task An_enqueue_arrives_on_the_stream_within_100_ms_of_its_answer()
    {
        await using var stream = await EventStream.OpenAsync(Client);
        await stream.NextOfAsync("stats");
        var heard = stream.NextOfAsync("task");

        var id = await Client.EnqueueAsync("""{"activity_type":"email.send","input":1}""");
        var answered = Stopwatch.GetTimestamp();
        var change = await heard;

        Assert.True(Stopwatch.GetElapsedTime(answered) < TimeSpan.FromMilliseconds(100), $"heard after {Stopwatch.GetElapsedTime(answered)}");
        Assert.Equal("enqueued", change.Json.GetProperty("change").GetString());
        Assert.Equal(id, change.Json.GetProperty("task_id").GetString());
        Assert.Equal("email.send", change.Json.GetProperty("activity_type").GetString());
        Assert.NotNull(change.Id);
    }

    [Fact]
    public async Task A_cancel_is_told_after_the_enqueue()
    {
        await using var stream = await EventStream.OpenAsync(Client);
        var id = await Client.EnqueueAsync("""{"activity_type":"a","input":1}""");
        using (await Client.PostEmptyAsync($"{Http.Tasks}/{id}/cancel"))
        {
        }

        Assert.Equal("enqueued", (await stream.NextOfAsync("task")).Json.GetProperty("change").GetString());
        var cancelled = await stream.NextOfAsync("task");
        Assert.Equal("cancelled", cancelled.Json.GetProperty("change").GetString());
        Assert.Equal(id, cancelled.Json.GetProperty("task_id").GetString());
    }

    [Fact]
    public async Task Resuming_with_Last_Event_ID_replays_what_was_missed()
    {
        string lastSeen;
        await using (var first = await EventStream.OpenAsync(Client))
        {
            await Client.EnqueueAsync("""{"activity_type":"a","input":1}""");
            lastSeen = (await first.NextOfAsync("task")).Id!;
        }

        var missed = new[]
        {
            await Client.EnqueueAsync("""{"activity_type":"a","input":2}"""),
            await Client.EnqueueAsync("""{"activity_type":"a","input":3}"""),
        };
        await using var resumed = await EventStream.OpenAsync(Client, lastEventId: lastSeen);

        Assert.Equal(missed[0], (await resumed.NextOfAsync("task")).Json.GetProperty("task_id").GetString());
        Assert.Equal(missed[1], (await resumed.NextOfAsync("task")).Json.GetProperty("task_id").GetString());
    }

    [Fact]
    public async Task An_id_this_node_cannot_resume_from_is_answered_with_reset()
    {
        await using var stream = await EventStream.OpenAsync(Client, lastEventId: "0123456789ab-5");

        var first = await stream.NextAsync(CancellationToken.None);

        Assert.Equal("reset", first?.Event);
    }

    [Fact]
    public async Task The_activity_type_filter_keeps_that_type_only()
    {
        await using var stream = await EventStream.OpenAsync(Client, "?activity_type=wanted");
        await Client.EnqueueAsync("""{"activity_type":"other","input":1}""");
        var wanted = await Client.EnqueueAsync("""{"activity_type":"wanted","input":2}""");

        var change = await stream.NextOfAsync("task");

        Assert.Equal(wanted, change.Json.GetProperty("task_id").GetString());
        Assert.Equal("wanted", change.Json.GetProperty("activity_type").GetString());
    }

    [Fact]
    public async Task A_bad_activity_type_filter_is_a_problem()
    {
        using var response = await Client.GetAsync(EventStream.Path + "?activity_type=has%20space");

        await response.AssertProblemAsync(System.Net.HttpStatusCode.BadRequest, "invalid_query");
    }

    [Fact]
    public async Task Another_tenants_changes_never_appear()
    {
        using var alpha = Factory.CreateClient((await Factory.CreateKeyAsync("alpha", [ApiScopes.Read, ApiScopes.Enqueue])).Token);
        using var beta = Factory.CreateClient((await Factory.CreateKeyAsync("beta", [ApiScopes.Read, ApiScopes.Enqueue])).Token);
        await using var stream = await EventStream.OpenAsync(alpha);

        await beta.EnqueueAsync("""{"activity_type":"a","input":1}""");
        var own = await alpha.EnqueueAsync("""{"activity_type":"a","input":2}""");

        Assert.Equal(own, (await stream.NextOfAsync("task")).Json.GetProperty("task_id").GetString());
    }

    [Fact]
    public async Task The_stream_ends_when_the_node_shuts_down()
    {
        await using var stream = await EventStream.OpenAsync(Client);
        await stream.NextOfAsync("stats");

        var stopping = Factory.DisposeAsync();

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await stream.NextAsync(deadline.Token) is not null)
        {
        }

        await stopping;
    }
}
