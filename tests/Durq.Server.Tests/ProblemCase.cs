using System.Net;
using System.Text.Json;

namespace Durq.Server.Tests;

/// <summary>
/// One way to make the server answer a problem: the node it needs (its settings), the requests that provoke it, and
/// what the answer must say — its code and status, the rel of its action, and words its hint (or detail) must hold
/// or must not hold for this case.
/// </summary>
internal sealed record ProblemCase(string Name, string Code, HttpStatusCode Status, Func<DurqApiFactory, HttpClient, Task<Provoked>> Provoke)
{
    public Dictionary<string, string?> Settings { get; init; } = [];

    public string Rel { get; init; } = "retry";

    public string[] HintHas { get; init; } = [];

    public string[] HintLacks { get; init; } = [];

    public string[] DetailHas { get; init; } = [];

    public string[] DetailLacks { get; init; } = [];

    /// <summary>The fields the answer's <c>errors</c> must name, all of them in this one answer.</summary>
    public string[] Fields { get; init; } = [];

    /// <summary>The address the action points at, when it names one.</summary>
    public string? Href { get; init; }

    public override string ToString() => Name;

    public static async Task<Provoked> Answer(Task<HttpResponseMessage> response) => new(await response, null);

    public void AssertFits(JsonElement problem, string? taskId)
    {
        var action = Assert.Single(problem.GetProperty("allowed_actions").EnumerateArray());
        Assert.Equal(Rel, action.GetProperty("rel").GetString());
        var hint = action.GetProperty("hint").GetString()!;
        var detail = problem.GetProperty("detail").GetString()!;
        AssertWords(hint, HintHas, HintLacks);
        AssertWords(detail, DetailHas, DetailLacks);
        if (Href is { } href)
        {
            Assert.Equal(href.Replace("{task}", taskId, StringComparison.Ordinal), action.GetProperty("href").GetString());
        }

        if (Fields.Length > 0)
        {
            var named = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToHashSet();
            Assert.All(Fields, field => Assert.Contains(field, named));
        }
    }

    private static void AssertWords(string text, string[] has, string[] lacks)
    {
        Assert.All(has, words => Assert.Contains(words, text, StringComparison.Ordinal));
        Assert.All(lacks, words => Assert.DoesNotContain(words, text, StringComparison.Ordinal));
    }
}

/// <summary>The answer a case provoked, and the task it is about when there is one.</summary>
internal sealed record Provoked(HttpResponseMessage Response, string? TaskId);
