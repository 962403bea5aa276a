using System.Net;
using System.Text;
using Durq.Bench.Load;
using Durq.Bench.Processes;
using Durq.Bench.Report;

namespace Durq.Bench.Workloads;

/// <summary>
/// E2: <c>POST /tasks/batch</c> of 1,000 tasks each, from a few concurrent clients back to back for the measured
/// window after a warm-up; tasks/s counts the tasks of the batches that started in the window and were accepted.
/// </summary>
internal sealed class BulkEnqueueWorkload(string id, string title, int clients, int batchSize, LoadDuration duration)
    : Workload(id, title)
{
    public override async Task<IReadOnlyList<Figure>> MeasureAsync(ServerProcess server)
    {
        var result = await HttpLoad.RunAsync(
            new Uri(server.Url, "api/v1/durable/tasks/batch"), BatchBody(batchSize), HttpStatusCode.Created, clients, duration.WarmUp, duration.Window, server.ApiKey);
        var figures = new List<Figure>
        {
            new("throughput", result.RequestsPerSecond * batchSize, "tasks/s"),
            new("batch p50", result.LatencyMs(0.50), "ms"),
        };
        if (result.Failed > 0)
        {
            figures.Add(new Figure("refused batches", result.Failed, "requests"));
        }

        return figures;
    }

    /// <summary><c>{"tasks":[…]}</c> with <paramref name="size"/> copies of E1's task.</summary>
    private static byte[] BatchBody(int size)
    {
        const string Task = """{"activity_type":"bench.noop","input":{"n":1},"options":{"max_attempts":3,"priority":10}}""";
        var body = new StringBuilder("""{"tasks":[""");
        body.AppendJoin(',', Enumerable.Repeat(Task, size));
        return Encoding.UTF8.GetBytes(body.Append("]}").ToString());
    }
}
