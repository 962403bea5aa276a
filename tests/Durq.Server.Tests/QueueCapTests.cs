using System.Net;

namespace Durq.Server.Tests;

public sealed class QueueCapTests() : ApiTest(new DurqApiFactory(new() { ["Queue:MaxPending"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
{
    private const int Cap = 25;


    [Fact]
    public async Task Under_concurrent_enqueues_exactly_cap_are_accepted()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 120).Select(i =>
            Client.PostJsonAsync(Http.Tasks, $$"""{"activity_type":"a","input":{{i}}}""")));

        Assert.Equal(Cap, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(120 - Cap, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        using var list = await Client.GetAsync($"{Http.Tasks}?status=pending&limit=500");
        Assert.Equal(Cap, (await list.ReadJsonAsync()).GetProperty("data").GetArrayLength());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_full_queue_answers_429_with_retry_after_and_cancelling_makes_room()
    {
        var ids = new List<string>();
        for (var i = 0; i < Cap; i++)
        {
            ids.Add(await Client.EnqueueAsync("""{"activity_type":"a","input":1}"""));
        }

        using var full = await Client.PostJsonAsync(Http.Tasks, """{"activity_type":"a","input":1}""");
        var problem = await full.AssertProblemAsync(HttpStatusCode.TooManyRequests, "queue_full");
        Assert.Equal(5, problem.GetProperty("retry_after_seconds").GetInt32());
        Assert.Equal(TimeSpan.FromSeconds(5), full.Headers.RetryAfter?.Delta);
        Assert.Equal("retry-later", problem.GetProperty("allowed_actions")[0].GetProperty("rel").GetString());
        Assert.Equal($"{Cap} tasks are pending; the cap is {Cap}.", problem.GetProperty("detail").GetString());

        using var cancel = await Client.PostEmptyAsync($"{Http.Tasks}/{ids[0]}/cancel");
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        await Client.EnqueueAsync("""{"activity_type":"a","input":1}""");
    }

    [Fact]
    public async Task A_batch_that_would_overshoot_the_cap_is_refused_whole()
    {
        for (var i = 0; i < Cap - 2; i++)
        {
            await Client.EnqueueAsync("""{"activity_type":"a","input":1}""");
        }

        using var batch = await Client.PostJsonAsync($"{Http.Tasks}/batch",
            """{"tasks":[{"activity_type":"a","input":1},{"activity_type":"a","input":2},{"activity_type":"a","input":3}]}""");
        await batch.AssertProblemAsync(HttpStatusCode.TooManyRequests, "queue_full");
        using var list = await Client.GetAsync($"{Http.Tasks}?limit=500");
        Assert.Equal(Cap - 2, (await list.ReadJsonAsync()).GetProperty("data").GetArrayLength());
    }
}
