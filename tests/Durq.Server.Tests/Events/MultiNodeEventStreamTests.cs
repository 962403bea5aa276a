using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Durq.Server.Tests.Events;

/// <summary>Two nodes on one PostgreSQL store: each streams the other's changes (NOTIFY), and only its own store's.</summary>
public sealed class MultiNodeEventStreamTests : IAsyncLifetime
{
    private readonly DurqApiFactory _first = DurqApiFactory.OnPostgres();
    private DurqApiFactory _second = null!;

    public Task InitializeAsync()
    {
        var store = _first.Services.GetRequiredService<IConfiguration>()["Storage:Postgres"];
        _second = new DurqApiFactory(new Dictionary<string, string?> { ["Storage:Postgres"] = store });
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_enqueue_on_one_node_arrives_on_the_others_stream_within_500_ms()
    {
        await using var stream = await EventStream.OpenAsync(_second.CreateClient());
        await stream.NextOfAsync("stats");
        // The other node listens from its start; one change it hears proves it is listening before the timed one.
        await _first.CreateClient().EnqueueAsync("""{"activity_type":"warm","input":0}""");
        await stream.NextOfAsync("task");
        var heard = stream.NextOfAsync("task");

        var id = await _first.CreateClient().EnqueueAsync("""{"activity_type":"email.send","input":1}""");
        var answered = Stopwatch.GetTimestamp();
        var change = await heard;

        Assert.True(Stopwatch.GetElapsedTime(answered) < TimeSpan.FromMilliseconds(500), $"heard after {Stopwatch.GetElapsedTime(answered)}");
        Assert.Equal(id, change.Json.GetProperty("task_id").GetString());
        Assert.Equal("enqueued", change.Json.GetProperty("change").GetString());
    }

    [Fact]
    public async Task A_store_in_another_schema_of_the_database_is_not_heard()
    {
        await using var other = DurqApiFactory.OnPostgres();
        await using var stream = await EventStream.OpenAsync(_second.CreateClient());
        await stream.NextOfAsync("stats");

        await other.CreateClient().EnqueueAsync("""{"activity_type":"elsewhere","input":0}""");
        var own = await _first.CreateClient().EnqueueAsync("""{"activity_type":"here","input":1}""");

        Assert.Equal(own, (await stream.NextOfAsync("task")).Json.GetProperty("task_id").GetString());
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }
}
