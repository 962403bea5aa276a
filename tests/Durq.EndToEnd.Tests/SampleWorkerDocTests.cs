using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Durq.EndToEnd.Tests;

/// <summary>
/// docs/writing-workers.md, "A complete worker host", is the sample worker: its program is the sample's Program.cs word
/// for word, and the task it tells the reader to enqueue completes on the built sample against a real <c>durq serve</c>
/// with the result it says.
/// </summary>
public sealed partial class SampleWorkerDocTests : IAsyncLifetime
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "writing-workers.md"));
    private static readonly string Section = Doc[Doc.IndexOf("### A complete worker host", StringComparison.Ordinal)..];

    private readonly TempDir _data = new();
    private DurqProcess _durq = null!;

    public async Task InitializeAsync() => _durq = await DurqProcess.StartAsync(_data.Path);

    public async Task DisposeAsync()
    {
        await _durq.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public void The_documented_program_is_the_samples_program()
    {
        var program = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "Durq.Samples.Worker", "Program.cs"));

        Assert.Equal(Normalize(program), Normalize(CodeBlock().Match(Section).Groups[1].Value));
    }

    [Fact]
    public async Task The_documented_task_completes_on_the_sample_with_the_documented_result()
    {
        var enqueue = EnqueueLine().Match(Section);
        var result = ResultComment().Match(Section);
        Assert.True(enqueue.Success && result.Success, "the section shows a durq enqueue line and the result tasks show prints");
        await using var worker = ChildProcess.Start(
            Path.Combine("samples", "Durq.Samples.Worker"), [$"--Durq:Url={_durq.BaseAddress}", "--Durq:WorkerId=doc-sample"]);
        using var http = _durq.CreateClient();

        using var response = await http.PostAsJsonAsync("/api/v1/durable/tasks",
            new { activity_type = enqueue.Groups[1].Value, input = JsonDocument.Parse(enqueue.Groups[2].Value).RootElement });
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task_id").GetString();
        var done = await WaitUntil.ConditionAsync(
            () => http.GetFromJsonAsync<JsonElement>("/api/v1/durable/tasks/" + id),
            task => task.GetProperty("status").GetString() == "completed", $"task {id} to complete", within: TimeSpan.FromSeconds(60));

        Assert.Equal(Compact(result.Groups[1].Value), Compact(done.GetProperty("result").GetRawText()));
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").Trim();

    private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"durq enqueue (\S+) --input '([^']*)'")]
    private static partial Regex EnqueueLine();

    [GeneratedRegex(@"durq tasks show <id>\s+# status completed, result (\{.*\})")]
    private static partial Regex ResultComment();
}
