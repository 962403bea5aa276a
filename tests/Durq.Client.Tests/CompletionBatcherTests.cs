using Durq.Contracts;


namespace Durq.Client.Tests;

/// <summary>The SDK's batching of completions against a real node in memory.</summary>
public sealed class CompletionBatcherTests : IAsyncLifetime
{
    private const string Type = "batch.results";

    private readonly DurqApiFactory _node = new(new() { ["Queue:MaxPending"] = "0" });
    private DurqClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _node.CreateDurqClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private async Task<IReadOnlyList<ClaimedTaskResource>> ClaimAsync(int count)
    {
        var input = new RawJson("{}");
        await _client.EnqueueBatchAsync([.. Enumerable.Range(0, count).Select(_ => new EnqueueTaskRequest(Type, input))]);
        return await _client.ClaimTasksAsync(new ClaimTasksRequest { WorkerId = "w1", ActivityTypes = [Type], MaxTasks = count });
    }

    [Fact]
    public async Task Completions_whose_results_add_up_past_the_request_limit_are_split_and_all_complete()
    {
        // 300 results of 10,000 characters: 3 MB of results, more than one request of the server's 2 MiB may carry.
        var claimed = await ClaimAsync(300);
        var result = new RawJson("\"" + new string('r', 9_998) + "\"");
        await using var batcher = new CompletionBatcher(_client);

        await Task.WhenAll(claimed.Select(task => batcher.CompleteAsync(task.Id, task.LeaseId, result, CancellationToken.None)));

        var health = await _client.GetHealthAsync();
        Assert.Equal(300, health.CompletedTasks);
        Assert.Equal(result.Json, (await _client.GetTaskAsync(claimed[^1].Id)).Result?.Json);
    }

    [Fact]
    public async Task A_refused_completion_throws_its_problem_and_the_others_complete()
    {
        var claimed = await ClaimAsync(3);
        await using var batcher = new CompletionBatcher(_client);

        var refused = batcher.CompleteAsync(claimed[1].Id, "0193b5a0-0000-7000-8000-00000000ffff", null, CancellationToken.None);
        var others = claimed.Where((_, i) => i != 1).Select(t => batcher.CompleteAsync(t.Id, t.LeaseId, null, CancellationToken.None));

        var problem = await Assert.ThrowsAsync<DurqProblemException>(() => refused);
        Assert.Equal("lease_lost", problem.Code);
        Assert.Equal(409, problem.Status);
        await Task.WhenAll(others);
        Assert.Equal(2, (await _client.GetHealthAsync()).CompletedTasks);
    }
}
