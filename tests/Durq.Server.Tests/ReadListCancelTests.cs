using System.Net;

namespace Durq.Server.Tests;

public sealed class ReadListCancelTests() : ApiTest(new DurqApiFactory())
{
    [Fact]
    public async Task Paging_visits_every_task_once_newest_first()
    {
        var enqueued = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            enqueued.Add(await Client.EnqueueAsync($$"""{"activity_type":"page","input":{{i}}}"""));
            Factory.Clock.Advance(TimeSpan.FromMilliseconds(5));
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            using var response = await Client.GetAsync($"{Http.Tasks}?limit=3" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadJsonAsync();
            var items = page.GetProperty("data").EnumerateArray().ToList();
            Assert.All(items, item => Assert.False(item.TryGetProperty("input", out _)));
            seen.AddRange(items.Select(item => item.GetProperty("id").GetString()!));
            cursor = page.TryGetProperty("next_cursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        enqueued.Reverse();
        Assert.Equal(enqueued, seen);
    }

    [Fact]
    public async Task Status_and_activity_type_filter_the_list()
    {
        var keep = await Client.EnqueueAsync("""{"activity_type":"email.send","input":1}""");
        var cancelled = await Client.EnqueueAsync("""{"activity_type":"email.send","input":2}""");
        await Client.EnqueueAsync("""{"activity_type":"sms.send","input":3}""");
        using (await Client.PostEmptyAsync($"{Http.Tasks}/{cancelled}/cancel"))
        {
        }

        using var byBoth = await Client.GetAsync($"{Http.Tasks}?status=pending&activity_type=email.send");
        var ids = (await byBoth.ReadJsonAsync()).GetProperty("data").EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Equal([keep], ids);

        using var byStatus = await Client.GetAsync($"{Http.Tasks}?status=cancelled");
        var cancelledIds = (await byStatus.ReadJsonAsync()).GetProperty("data").EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Equal([cancelled], cancelledIds);
    }

    [Fact]
    public async Task Cancelling_a_pending_task_returns_it_cancelled()
    {
        var id = await Client.EnqueueAsync("""{"activity_type":"a","input":1}""");
        Factory.Clock.Advance(TimeSpan.FromSeconds(3));
        using var response = await Client.PostEmptyAsync($"{Http.Tasks}/{id}/cancel");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var task = await response.ReadJsonAsync();
        Assert.Equal("cancelled", task.GetProperty("status").GetString());
        Assert.Equal("2026-11-29T12:00:03.000Z", task.GetProperty("updated_at").GetString());
        Assert.Equal("cancelled", (await Client.GetTaskAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ids_are_accepted_in_upper_case_as_the_seed_shows_them()
    {
        var id = await Client.EnqueueAsync("""{"activity_type":"a","input":1}""");
        Assert.Equal(id, (await Client.GetTaskAsync(id.ToUpperInvariant())).GetProperty("id").GetString());
    }
}
