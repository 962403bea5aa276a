using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Durq.Server.Tests.OpenApi;

/// <summary>
/// docs/api.md, the API's reference, against the served document: every route the server has is described there under
/// a heading of its own (<c>### `POST /api/v1/durable/tasks`</c>) that names the scope the document gives it, and every
/// route described there exists.
/// </summary>
public sealed partial class ApiReferenceTests() : ApiTest(new DurqApiFactory())
{
    [Fact]
    public async Task Docs_api_md_describes_exactly_the_routes_of_the_document_with_their_scopes()
    {
        var served = OpenApiTests.Operations(await ServedDocument.FetchAsync(Factory)).ToDictionary(o => o.Route, o => Scope(o.Operation));
        var described = Sections(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "api.md")));

        Assert.Empty(served.Keys.Except(described.Keys).Order());
        Assert.Empty(described.Keys.Except(served.Keys).Order());
        foreach (var (route, scope) in served)
        {
            var says = scope is null ? "No key needed." : $"Scope: `{scope}`.";
            Assert.True(described[route].Contains(says, StringComparison.Ordinal), $"docs/api.md: the section of {route} does not say \"{says}\"");
        }
    }

    private static string? Scope(JsonNode operation) => operation["security"]?[0]?["ApiKey"]?[0]?.GetValue<string>();

    /// <summary>Each route's section: its heading's route, and the text up to the next heading.</summary>
    private static Dictionary<string, string> Sections(string reference)
    {
        var headings = Heading().Matches(reference);
        var sections = new Dictionary<string, string>();
        for (var i = 0; i < headings.Count; i++)
        {
            var route = RouteHeading().Match(headings[i].Value);
            if (route.Success)
            {
                var end = i + 1 < headings.Count ? headings[i + 1].Index : reference.Length;
                sections.Add(route.Groups[1].Value + " " + route.Groups[2].Value, reference[headings[i].Index..end]);
            }
        }

        return sections;
    }

    [GeneratedRegex(@"^#{1,6} .*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^#{2,4} `(GET|POST|PUT|PATCH|DELETE) (/[^`]*)`")]
    private static partial Regex RouteHeading();
}
