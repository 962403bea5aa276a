using System.Net;
using Durq.Core.Errors;
using Durq.Core.Storage;
using Durq.Core.Tasks;
using Durq.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Durq.Server.Tests;

/// <summary>When the store breaks, callers get a 500 or 503 problem that tells them nothing of its insides.</summary>
public sealed class StoreFailureTests() : ApiTest(new DurqApiFactory(replaceServices: services => services.AddSingleton<ITaskStore>(sp => new BrokenStore(sp.GetRequiredService<SqliteTaskStore>()))))
{
    private const string SecretSql = "SELECT secret FROM durq_tasks WHERE 1=1";



    [Fact]
    public async Task An_unexpected_exception_is_a_500_without_stack_or_sql()
    {
        using var response = await Client.GetAsync($"{Http.Tasks}/{Guid.CreateVersion7()}");
        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError, "internal_error");

        var body = problem.GetRawText();
        Assert.DoesNotContain("SELECT", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" at Durq", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        var traceId = problem.GetProperty("trace_id").GetString()!;
        Assert.Contains(traceId, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unavailable_store_is_a_503_with_retry_after()
    {
        using var response = await Client.GetAsync(Http.Tasks);
        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.Equal(1, problem.GetProperty("retry_after_seconds").GetInt32());
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal("retry-later", problem.GetProperty("allowed_actions")[0].GetProperty("rel").GetString());
    }

    private sealed class BrokenStore(ITaskStore inner) : DelegatingTaskStore(inner)
    {
        public override Task<DurqTask?> GetTaskAsync(string tenant, Guid taskId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(SecretSql);

        public override Task<TaskPage> ListTasksAsync(ListTasksParams request, CancellationToken cancellationToken) =>
            throw new StoreUnavailableException("The database is restarting.", new InvalidOperationException(SecretSql));
    }
}
